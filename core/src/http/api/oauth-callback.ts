import type { Request, Response } from 'express';
import { ErrorCodes } from '../../errors/error-codes.js';
import { isMcpistError, type McpistError } from '../../errors/mcpist-error.js';
import type { ApiDeps } from './api-deps.js';
import { apiErrorBody } from './api-error.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} – MCPist</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto"><h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p></body></html>`;
}

/** Browsers get a page, API clients JSON. */
function answer(req: Request, res: Response, status: number, title: string, body: Record<string, unknown>) {
  if (req.accepts(['html', 'json']) === 'json') res.status(status).json(body);
  else
    res
      .status(status)
      .type('html')
      .send(page(title, String(body.message ?? '')));
}

/**
 * `GET /api/services/{service}/oauth/callback`: where the provider sends the
 * browser back. The `state` is the capability (random, single-use, bound to
 * the user who started the flow), so no bearer token is needed; when one is
 * sent, it must belong to that same user.
 */
export function oauthCallback(deps: ApiDeps) {
  return async (req: Request, res: Response) => {
    const service = String(req.params.service ?? '');
    const refuse = (error: McpistError, status: number) =>
      answer(req, res, status, `Could not connect ${service}`, apiErrorBody(error.code, error.message));
    try {
      let callerUserId: string | undefined;
      if (req.get('authorization') !== undefined) {
        callerUserId = (await deps.authenticator.authenticate(req.get('authorization'))).userId;
      }
      const url = new URL(req.originalUrl, deps.publicUrl);
      await deps.oauthFlow.finish(service, url, callerUserId);
      answer(req, res, 200, `${service} connected`, {
        service,
        connected: true,
        message: `${service} is connected. You can close this window and go back to your MCP client.`,
      });
    } catch (error) {
      if (!isMcpistError(error)) throw error;
      const reason = (error.data as { reason?: string } | undefined)?.reason;
      const status =
        reason === undefined && error.code !== ErrorCodes.EXTERNAL_API_ERROR
          ? 401
          : error.code === ErrorCodes.EXTERNAL_API_ERROR
            ? 502
            : reason === 'wrong_user'
              ? 403
              : 400;
      refuse(error, status);
    }
  };
}
