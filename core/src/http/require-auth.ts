import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { Request, Response } from 'express';
import { ErrorCodes } from '../errors/error-codes.js';
import type { McpistError } from '../errors/mcpist-error.js';
import { jsonRpcErrorBody } from './json-rpc-error-body.js';

const AUTH_CODES: ReadonlySet<number> = new Set([
  ErrorCodes.INVALID_JWT,
  ErrorCodes.JWT_EXPIRED,
  ErrorCodes.UNAUTHORIZED,
]);

export interface UnauthorizedOptions {
  /** This server's base URL: `publicUrl` from config, else the listen address (never a request header). */
  publicUrl: string;
  /** `json-rpc` for /mcp; `json` (`{ error: { code, name, message } }`) for /api. */
  body: 'json-rpc' | 'json';
}

/**
 * Answers a failed authentication: 401 with `WWW-Authenticate: Bearer
 * resource_metadata="…"` (plus `error="invalid_token"` when a token was
 * sent) for 1001/1002/1003, so MCP clients can discover where to sign in
 * (RFC 9728). An identity provider whose keys cannot be fetched is the
 * server's problem, not the token's: 503.
 */
export function sendUnauthorized(req: Request, res: Response, error: McpistError, options: UnauthorizedOptions): void {
  const auth = AUTH_CODES.has(error.code);
  if (auth) {
    const metadata = `${options.publicUrl}/.well-known/oauth-protected-resource`;
    const given = req.get('authorization') !== undefined;
    res.set('WWW-Authenticate', `Bearer resource_metadata="${metadata}"${given ? ', error="invalid_token"' : ''}`);
  }
  res.status(auth ? 401 : 503);
  if (options.body === 'json-rpc') {
    res.json(jsonRpcErrorBody(ErrorCode.InvalidRequest, error.message, { code: error.code, name: error.codeName }));
  } else {
    res.json({ error: { code: error.code, name: error.codeName, message: error.message } });
  }
}
