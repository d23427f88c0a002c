import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type Provider from 'oidc-provider';
import type { Logger } from 'winston';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { isMcpistError } from '../errors/mcpist-error.js';
import { escapeHtml, htmlPage, pageSecurityHeaders } from '../http/html-page.js';
import { sameOrigin } from '../http/session/same-origin.js';
import { MCP_SCOPES, requestedResource } from './scopes.js';

export interface InteractionDeps {
  /** The authorization server, built on first use (mount.ts). */
  provider: () => Promise<Provider>;
  authenticator: Authenticator;
  logger: Logger;
  /** The resource tokens are issued for (the MCP endpoint). */
  resource: string;
  /** This server's base URL: the origin the pages' forms must come from. */
  publicUrl: string;
  /** The MCPist user already signed in in this browser (the admin UI's session), if any. */
  browserPrincipal?: (req: Request) => Promise<Principal | undefined>;
  /** The admin UI's sign-in page, coming back to `next` (when the UI is served here). */
  uiSignIn?: (next: string) => string;
  findAccount: (userId: string) => Promise<{ email: string } | undefined>;
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

const form = express.urlencoded({ extended: false, limit: '4kb' });

function page(res: Response, status: number, title: string, body: string, formTargets: readonly string[] = []): void {
  res.status(status).set(pageSecurityHeaders(formTargets)).type('html').send(htmlPage(title, body));
}

/** CSP source for where the forms' redirects end: the client's redirect URI (a browser checks form-action on redirects too). */
function redirectSource(redirectUri: string): string[] {
  try {
    const url = new URL(redirectUri);
    return [url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol];
  } catch {
    return [];
  }
}

const requestedScopes = (details: Details) => String(details.params.scope ?? '').split(' ');

/** Who the client is, in words a person can check: its name and the host its redirect goes to. */
async function describeClient(provider: Provider, details: Details) {
  const clientId = String(details.params.client_id);
  const client = await provider.Client.find(clientId);
  const redirect = String(details.params.redirect_uri ?? client?.redirectUris?.[0] ?? '');
  let redirectHost = redirect;
  try {
    redirectHost = new URL(redirect).host;
  } catch {}
  return { clientId, name: client?.clientName ?? clientId, redirectHost, formTargets: redirectSource(redirect) };
}

/**
 * The authorization server's pages (ADR 0041): sign-in (an MCPist browser
 * session, or an API token pasted once) and consent — the client's name, its
 * redirect host, the MCPist account, and full or read-only access. Each is
 * bound to the browser by oidc-provider's interaction cookie (HttpOnly,
 * SameSite=Lax, scoped to the interaction's path), and POSTs must come from
 * this origin.
 */
export function interactionRoutes(deps: InteractionDeps): Router {
  const router = Router();
  let provider: Provider;
  router.use('/oauth/interaction', (_req, _res, next) => {
    deps.provider().then((built) => {
      provider = built;
      next();
    }, next);
  });
  // A state-changing POST must come from this server's own pages (the admin UI's CSRF check).
  const sameOriginPost = (req: Request, res: Response, next: NextFunction) => {
    if (sameOrigin(req, deps.publicUrl)) next();
    else page(res, 403, 'Refused', '<p>This form can only be sent from MCPist’s own page.</p>');
  };

  async function details(req: Request, res: Response): Promise<Details | undefined> {
    try {
      return await provider.interactionDetails(req, res);
    } catch {
      page(
        res,
        400,
        'This sign-in has expired',
        '<p>The sign-in request is unknown, finished or expired, or was started in another browser. Go back to the app and connect again.</p>',
      );
      return undefined;
    }
  }

  function signInPage(
    res: Response,
    uid: string,
    client: { name: string; formTargets: string[] },
    error?: string,
  ): void {
    const here = `/oauth/interaction/${encodeURIComponent(uid)}`;
    const viaUi = deps.uiSignIn
      ? `<p><a href="${escapeHtml(deps.uiSignIn(here))}">Sign in with your MCPist account</a> (a login link, or the admin UI's session), or paste an API token:</p>`
      : '';
    const body = `<p><strong>${escapeHtml(client.name)}</strong> wants to use your MCPist tools. Sign in to MCPist first.</p>
${error ? `<p role="alert" style="color:#b00020">${escapeHtml(error)}</p>` : ''}${viaUi}
<form method="post" action="/oauth/interaction/${encodeURIComponent(uid)}/login">
<label for="token">MCPist API token</label><br>
<input id="token" name="token" type="password" autocomplete="off" required style="width:100%;font-size:1rem;padding:.4rem" placeholder="mcpist_…">
<p style="font-size:.9rem">Create one on the server machine with <code>npx mcpist token create --user you@example.com</code>. It is used once to sign you in and is not given to the app.</p>
<button type="submit" style="font-size:1rem;padding:.5rem 1rem">Sign in</button>
</form>`;
    page(res, error ? 401 : 200, 'Sign in to MCPist', body, client.formTargets);
  }

  async function consentPage(res: Response, uid: string, d: Details, accountId: string): Promise<void> {
    const client = await describeClient(provider, d);
    const account = await deps.findAccount(accountId);
    const readOnlyOnly = !requestedScopes(d).includes(MCP_SCOPES.full) && requestedScopes(d).includes(MCP_SCOPES.read);
    const choice = readOnlyOnly
      ? `<input type="hidden" name="access" value="read"><p>It asks for <strong>read-only</strong> access: only tools that read, never those that change anything.</p>`
      : `<fieldset><legend>Access</legend>
<label><input type="radio" name="access" value="full" checked> All the tools your MCPist account may use</label><br>
<label><input type="radio" name="access" value="read"> Read-only tools only</label></fieldset>`;
    const body = `<p><strong>${escapeHtml(client.name)}</strong> wants to use the MCPist account <strong>${escapeHtml(account?.email ?? accountId)}</strong>.</p>
<p>After you allow it, MCPist sends you back to <strong>${escapeHtml(client.redirectHost)}</strong>. If you did not start this from that app, deny.</p>
<form method="post" action="/oauth/interaction/${encodeURIComponent(uid)}/consent">
${choice}
<p><button type="submit" name="decision" value="allow" style="font-size:1rem;padding:.5rem 1rem">Allow</button>
<button type="submit" name="decision" value="deny" style="font-size:1rem;padding:.5rem 1rem">Deny</button></p>
</form>`;
    page(res, 200, `Allow ${client.name}?`, body, client.formTargets);
  }

  router.get('/oauth/interaction/:uid', async (req, res) => {
    const d = await details(req, res);
    if (!d) return;
    if (d.prompt.name === 'login') {
      const principal = await deps.browserPrincipal?.(req);
      if (principal) {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: principal.userId } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      signInPage(res, d.uid, await describeClient(provider, d));
      return;
    }
    await consentPage(res, d.uid, d, String(d.session?.accountId));
  });

  router.post('/oauth/interaction/:uid/login', sameOriginPost, form, async (req, res) => {
    const d = await details(req, res);
    if (!d) return;
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    let principal: Principal | undefined;
    try {
      principal = await deps.authenticator.authenticate(`Bearer ${token}`);
    } catch (error) {
      if (!isMcpistError(error)) throw error;
    }
    if (principal?.via !== 'api_token') {
      signInPage(res, d.uid, await describeClient(provider, d), 'That is not a valid MCPist API token.');
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: principal.userId } },
      { mergeWithLastSubmission: false },
    );
  });

  router.post('/oauth/interaction/:uid/consent', sameOriginPost, form, async (req, res) => {
    const d = await details(req, res);
    if (!d) return;
    const accountId = d.session?.accountId;
    if (d.prompt.name !== 'consent' || !accountId) {
      page(res, 400, 'Sign in first', '<p>Go back to the app and connect again.</p>');
      return;
    }
    if (req.body?.decision !== 'allow') {
      deps.logger.info('oauth: consent denied', {
        event: 'oauth_consent_denied',
        user_id: accountId,
        client_id: d.params.client_id,
      });
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the user denied access' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const clientId = String(d.params.client_id);
    const readOnly = req.body?.access === 'read' || !requestedScopes(d).includes(MCP_SCOPES.full);
    const grant =
      (d.grantId ? await provider.Grant.find(d.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
    const resource = requestedResource(d.params.resource, deps.resource);
    if (readOnly) {
      grant.addResourceScope(resource, MCP_SCOPES.read);
      // Recorded as refused, so the read-only grant is complete; asking for full access again re-opens consent.
      grant.rejectResourceScope(resource, MCP_SCOPES.full);
    } else {
      grant.addResourceScope(resource, `${MCP_SCOPES.full} ${MCP_SCOPES.read}`);
    }
    const missing = d.prompt.details as { missingOIDCScope?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    const grantId = await grant.save();
    deps.logger.info('oauth: consent given', {
      event: 'oauth_consent_given',
      user_id: accountId,
      client_id: clientId,
      access: readOnly ? 'read' : 'full',
    });
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  });
  return router;
}
