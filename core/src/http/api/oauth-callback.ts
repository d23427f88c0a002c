import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import type { Deps } from '../../container/declared-deps.js';
import { Tokens } from '../../container/tokens.js';
import { ErrorCodes } from '../../errors/error-codes.js';
import { isMcpistError } from '../../errors/mcpist-error.js';
import { browserCookieName } from '../../neutral/oauth-flow.js';
import { escapeHtml, htmlPage, pageSecurityHeaders } from '../html-page.js';
import { apiErrorBody } from './api-error.js';

/** Browsers get a page saying what happened and why, API clients JSON. */
function answer(req: Request, res: Response, status: number, title: string, message: string, body: object) {
  res.status(status).set(pageSecurityHeaders());
  if (req.accepts(['html', 'json']) === 'json') res.json(body);
  else res.type('html').send(htmlPage(title, `<p>${escapeHtml(message)}</p>`));
}

/** The services the OAuth callback uses. */
export const OAUTH_CALLBACK_DEPS = { authenticator: Tokens.Authenticator, oauthFlow: Tokens.OAuthFlow };

const STATUS_BY_REASON: Record<string, number> = { wrong_user: 403, wrong_browser: 403 };

/**
 * `GET /api/services/{service}/oauth/callback`: where the provider sends the
 * browser back. The `state` is the capability (random, single-use, bound to
 * the user who started the flow) and the flow's cookie proves this is the
 * browser that opened MCPist's connect page, so no bearer token is needed;
 * when one is sent, it must belong to that same user.
 */
export function oauthCallback(deps: Deps<typeof OAUTH_CALLBACK_DEPS> & { publicUrl: string }) {
  return async (req: Request, res: Response) => {
    const service = String(req.params.service ?? '');
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const cookieName = state ? await browserCookieName(state) : undefined;
    const browserSecret = cookieName ? parseCookies(req.get('cookie') ?? '')[cookieName] : undefined;
    try {
      let callerUserId: string | undefined;
      if (req.get('authorization') !== undefined) {
        callerUserId = (await deps.authenticator.authenticate(req.get('authorization'))).userId;
      }
      const url = new URL(req.originalUrl, deps.publicUrl);
      await deps.oauthFlow.finish(service, url, { browserSecret, callerUserId });
      // The flow is used up: its browser cookie has nothing left to prove.
      if (cookieName) res.clearCookie(cookieName, { path: `${req.baseUrl}${req.path}` });
      const message = `${service} is connected. You can close this window and go back to your MCP client.`;
      answer(req, res, 200, `${service} connected`, message, { service, connected: true, message });
    } catch (error) {
      if (!isMcpistError(error)) throw error;
      const reason = (error.data as { reason?: string } | undefined)?.reason;
      const status =
        error.code === ErrorCodes.EXTERNAL_API_ERROR
          ? 502
          : reason === undefined
            ? 401
            : (STATUS_BY_REASON[reason] ?? 400);
      answer(req, res, status, `Could not connect ${service}`, error.message, apiErrorBody(error.code, error.message));
    }
  };
}
