import { ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { Request, Response } from 'express';
import { ErrorCodes } from '../errors/error-codes.js';
import type { McpistError } from '../errors/mcpist-error.js';
import { jsonRpcErrorBody } from './json-rpc-error-body.js';
import { publicBaseUrlFor } from './public-url.js';

const AUTH_CODES: ReadonlySet<number> = new Set([
  ErrorCodes.INVALID_JWT,
  ErrorCodes.JWT_EXPIRED,
  ErrorCodes.UNAUTHORIZED,
]);

/**
 * What a person reads when a client sent no token and there is no
 * authorization server to sign in at: which header to send and how to get a
 * token. Plain ASCII without quotes, so it fits an RFC 6750 `error_description`.
 */
export const NO_TOKEN_HINT =
  'MCPist expects an Authorization: Bearer mcpist_... header carrying an API token. ' +
  'Create one on the server machine with: npx mcpist token create --user you@example.com ' +
  '(MCPist offers no OAuth sign-in for MCP clients yet; configure the header in your client)';

/** The same, when MCPist's own authorization server lets MCP clients sign in by themselves. */
export const SIGN_IN_HINT =
  'No bearer token was sent. MCP clients that support MCP authorization sign in through MCPist by themselves ' +
  '(see the WWW-Authenticate header); others send an Authorization: Bearer mcpist_... header with an API token, ' +
  'created with: npx mcpist token create --user you@example.com';

export interface UnauthorizedOptions {
  /** This server's base URL: `publicUrl` from config, else the listen address (never a request header). */
  publicUrl: string;
  /** `json-rpc` for /mcp; `json` (`{ error: { code, name, message } }`) for /api. */
  body: 'json-rpc' | 'json';
  /** Explain, in the body and the challenge, how to get a token when none was sent (no authorization server to use). */
  noTokenHint?: boolean;
  /** The scope to ask for, named in the challenge (MCP authorization: scope selection). */
  scope?: string;
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
  const given = req.get('authorization') !== undefined;
  const hint = auth && !given && options.noTokenHint === true;
  if (auth) {
    const metadata = `${publicBaseUrlFor(req, options.publicUrl)}/.well-known/oauth-protected-resource`;
    const detail = given ? ', error="invalid_token"' : hint ? `, error_description="${NO_TOKEN_HINT}"` : '';
    const scope = options.scope ? `, scope="${options.scope}"` : '';
    res.set('WWW-Authenticate', `Bearer resource_metadata="${metadata}"${scope}${detail}`);
  }
  const message = hint ? NO_TOKEN_HINT : auth && !given && options.scope ? SIGN_IN_HINT : error.message;
  res.status(auth ? 401 : 503);
  if (options.body === 'json-rpc') {
    res.json(jsonRpcErrorBody(ProtocolErrorCode.InvalidRequest, message, { code: error.code, name: error.codeName }));
  } else {
    res.json({ error: { code: error.code, name: error.codeName, message } });
  }
}

/**
 * A request its OAuth grant does not cover (a read-only grant running one of
 * the user's write tools): 403 with `error="insufficient_scope"` and the scope
 * to ask for, so the client can ask the user for more (MCP authorization, step-up).
 */
export function sendInsufficientScope(req: Request, res: Response, publicUrl: string, scope: string): void {
  const metadata = `${publicBaseUrlFor(req, publicUrl)}/.well-known/oauth-protected-resource`;
  const description = `this app was granted read-only access; running this tool needs ${scope}`;
  res.set(
    'WWW-Authenticate',
    `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${metadata}", error_description="${description}"`,
  );
  res
    .status(403)
    .json(jsonRpcErrorBody(ProtocolErrorCode.InvalidRequest, description, { code: 'insufficient_scope', scope }));
}
