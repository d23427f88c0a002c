import { McpistError } from '../../../core/src/errors/mcpist-error.js';
import { browserCookieName, OAuthFlow, STATE_TTL_MS } from '../../../core/src/neutral/oauth-flow.js';
import { OAuthStatesRepository } from '../../../core/src/store/repositories/oauth-states-repository.js';
import { type FunctionContext, type FunctionEnv, functionContext } from './context.js';

const PATH = /^\/functions\/v1\/oauth-callback\/([a-z0-9][a-z0-9_-]{0,63})(\/begin)?$/;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A small page for the browser; no script, nothing framed. */
function page(status: number, title: string, message: string): Response {
  const body = `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`;
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    },
  });
}

function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function flowOf(context: FunctionContext): OAuthFlow {
  const logger = {
    info: (message: string, meta: Record<string, unknown> = {}) =>
      console.log(JSON.stringify({ level: 'info', message, ...meta })),
    warn: (message: string, meta: Record<string, unknown> = {}) =>
      console.warn(JSON.stringify({ level: 'warn', message, ...meta })),
  };
  return new OAuthFlow(
    context.providers,
    new OAuthStatesRepository(context.db),
    context.broker,
    context.cipher,
    logger,
  );
}

/**
 * `oauth-callback` (spec-inf §3.3): the end of a connect flow in Supabase mode,
 * run by the core's OAuthFlow — so the authorization code, the PKCE verifier,
 * the client secret and the refresh token stay in Supabase.
 *
 * - `POST …/oauth-callback/<service>/begin` (the button of MCPist's connect
 *   page, with the flow's `state`): binds the flow to this browser with an
 *   HttpOnly cookie on this origin and redirects to the provider.
 * - `GET …/oauth-callback/<service>?code&state` (the provider's redirect):
 *   checks the cookie, exchanges the code, stores the tokens encrypted and
 *   sends the browser back to MCPist.
 *
 * The state is the capability (random, single-use, bound to the user who
 * started the flow); no key or JWT is needed, as for the server's own callback.
 */
export function oauthCallback(env: () => FunctionEnv): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const match = PATH.exec(url.pathname);
    if (!match) return page(404, 'Not found', 'No such connect step.');
    const service = match[1] as string;
    let context: FunctionContext;
    try {
      context = functionContext(env);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'edge function failed', error: (error as Error).name }));
      return page(500, 'Cannot connect', 'The connect service is not configured; tell your MCPist admin.');
    }
    const flow = flowOf(context);
    try {
      if (match[2]) {
        if (request.method !== 'POST') return page(405, 'Cannot connect', 'Use the button on the MCPist connect page.');
        // The button is on MCPist's connect page: a form posted from anywhere else is refused.
        const origin = request.headers.get('origin');
        if (context.publicUrl && origin && origin !== new URL(context.publicUrl).origin) {
          return page(403, 'Cannot connect', 'Use the button on the MCPist connect page.');
        }
        const form = new URLSearchParams((await request.text()).slice(0, 4096));
        const state = (form.get('flow') ?? '').slice(0, 200);
        const { authorizeUrl, browserSecret } = await flow.authorize(service, state);
        const cookie = [
          `${await browserCookieName(state)}=${encodeURIComponent(browserSecret)}`,
          'HttpOnly',
          'SameSite=Lax',
          `Path=/functions/v1/oauth-callback/${service}`,
          `Max-Age=${Math.floor(STATE_TTL_MS / 1000)}`,
          ...(url.protocol === 'https:' ? ['Secure'] : []),
        ].join('; ');
        return new Response(null, {
          status: 303,
          headers: { location: authorizeUrl, 'set-cookie': cookie, 'cache-control': 'no-store' },
        });
      }
      if (request.method !== 'GET') return page(405, 'Cannot connect', 'The provider sends the browser here with GET.');
      const state = url.searchParams.get('state') ?? '';
      const cookieName = state ? await browserCookieName(state) : undefined;
      await flow.finish(service, url, { browserSecret: cookieName ? cookieOf(request, cookieName) : undefined });
      const back = context.publicUrl
        ? `${context.publicUrl.replace(/\/+$/, '')}/tools?connected=${encodeURIComponent(service)}`
        : undefined;
      const headers: Record<string, string> = {
        'cache-control': 'no-store',
        ...(cookieName ? { 'set-cookie': `${cookieName}=; Path=${url.pathname}; Max-Age=0` } : {}),
      };
      if (back) return new Response(null, { status: 303, headers: { ...headers, location: back } });
      const done = page(200, `${service} connected`, `${service} is connected. You can close this window.`);
      for (const [key, value] of Object.entries(headers)) done.headers.set(key, value);
      return done;
    } catch (error) {
      if (!(error instanceof McpistError)) {
        console.error(
          JSON.stringify({ level: 'error', message: 'oauth-callback failed', error: (error as Error)?.name }),
        );
        return page(500, 'Cannot connect', 'Something failed while connecting; start again from MCPist.');
      }
      const reason = (error.data as { reason?: string } | undefined)?.reason;
      const status = reason === 'wrong_browser' || reason === 'wrong_user' ? 403 : 400;
      return page(status, `Could not connect ${service}`, error.message);
    }
  };
}
