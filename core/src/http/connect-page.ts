import express, { type Request, type Response, Router } from 'express';
import type { Deps } from '../container/declared-deps.js';
import { Tokens } from '../container/tokens.js';
import { isMcpistError } from '../errors/mcpist-error.js';
import { browserCookieName, edgeCallbackUrl, STATE_TTL_MS } from '../neutral/oauth-flow.js';
import { escapeHtml, htmlPage, pageSecurityHeaders } from './html-page.js';

/** The services the connect pages use. */
export const CONNECT_PAGE_DEPS = {
  oauthFlow: Tokens.OAuthFlow,
  users: Tokens.UsersRepository,
  roles: Tokens.RolesRepository,
  catalog: Tokens.ModuleCatalog,
  oauthProviders: Tokens.OAuthProviders,
};

type ConnectPageDeps = Deps<typeof CONNECT_PAGE_DEPS> & {
  publicUrl: string;
  /** Supabase mode: the `oauth-callback` Edge Function binds the browser and finishes the flow (ADR 0042). */
  tokenBrokerUrl?: string | undefined;
};

/** The services' names as people know them: `atlassian` is Jira and Confluence. */
function serviceName(deps: ConnectPageDeps, service: string): string {
  const names = [...deps.catalog.modules.values()]
    .filter((module) => module.service === service)
    .map((module) => module.displayName);
  return names.length > 0 ? names.join(' and ') : service;
}

function flowOf(req: Request): string {
  const value = req.method === 'POST' ? (req.body as { flow?: unknown } | undefined)?.flow : req.query.flow;
  return typeof value === 'string' ? value.slice(0, 200) : '';
}

/**
 * `GET /connect/{service}?flow=…`: every connect link — from the API, a tool
 * result or a URL elicitation — opens this page first. It names the MCPist
 * account (or role) and the service about to be connected, so a link an
 * attacker started for their own account is recognisable, and its button
 * (`POST`) binds the flow to this browser with an HttpOnly, SameSite=Lax
 * cookie before redirecting to the provider. The callback accepts only that
 * browser.
 */
export function connectPages(deps: ConnectPageDeps): Router {
  const router = Router();
  const fail = (res: Response, status: number, message: string) =>
    res
      .status(status)
      .set(pageSecurityHeaders())
      .type('html')
      .send(htmlPage('Cannot connect', `<p>${escapeHtml(message)}</p>`));

  router.get('/connect/:service', async (req, res) => {
    const service = String(req.params.service);
    const pending = await deps.oauthFlow.pending(service, flowOf(req));
    if (!pending) {
      fail(
        res,
        400,
        'This connect link is unknown, expired or already used. Start again from your MCP client or MCPist.',
      );
      return;
    }
    const [user, role] = await Promise.all([
      deps.users.findById(pending.userId),
      pending.roleId ? deps.roles.findById(pending.roleId) : undefined,
    ]);
    const name = serviceName(deps, service);
    // In Supabase mode the button goes to the oauth-callback function: the browser's binding cookie must be set on
    // the origin the provider sends the browser back to, and the function holds the key ring that opens the flow.
    const formAction = deps.tokenBrokerUrl
      ? `${edgeCallbackUrl(deps.tokenBrokerUrl, service)}/begin`
      : `/connect/${encodeURIComponent(service)}`;
    const account = role
      ? `the role <strong>${escapeHtml(role.name)}</strong> (shared by its members), set up by ${escapeHtml(user?.email ?? 'an admin')}`
      : `the MCPist account <strong>${escapeHtml(user?.email ?? 'unknown')}</strong>`;
    const body = `<p>You are about to connect your <strong>${escapeHtml(name)}</strong> account to ${account}.</p>
<p>Tools used by that MCPist account will act as you in ${escapeHtml(name)}. If you did not start this, or this is not your account, close this page.</p>
<form method="post" action="${escapeHtml(formAction)}">
<input type="hidden" name="flow" value="${escapeHtml(flowOf(req))}">
<button type="submit" style="font-size:1rem;padding:.5rem 1rem">Continue to ${escapeHtml(name)}</button>
</form>`;
    const provider = await deps.oauthProviders.get(service);
    const target = [
      ...(provider ? [new URL(provider.authorizeUrl).origin] : []),
      ...(deps.tokenBrokerUrl ? [new URL(deps.tokenBrokerUrl).origin] : []),
    ];
    res
      .status(200)
      .set(pageSecurityHeaders(target))
      .type('html')
      .send(htmlPage(`Connect ${name}`, body));
  });

  router.post('/connect/:service', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const service = String(req.params.service);
    const state = flowOf(req);
    try {
      const { authorizeUrl, browserSecret } = await deps.oauthFlow.authorize(service, state);
      res.cookie(await browserCookieName(state), browserSecret, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.publicUrl.startsWith('https:'),
        path: `/api/services/${encodeURIComponent(service)}/oauth/callback`,
        maxAge: STATE_TTL_MS,
      });
      res.set(pageSecurityHeaders()).redirect(303, authorizeUrl);
    } catch (error) {
      if (!isMcpistError(error)) throw error;
      fail(res, 400, error.message);
    }
  });
  return router;
}
