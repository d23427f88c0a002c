import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'winston';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { isMcpistError } from '../errors/mcpist-error.js';
import { hintsFromCapabilities, hintsFromSessionId, sessionIdFor } from '../mcp/client-hints.js';
import { createMcpServer } from '../mcp/create-mcp-server.js';
import type { ToolDispatcher, ToolMode } from '../mcp/tool-dispatcher.js';
import { jsonRpcErrorBody } from './json-rpc-error-body.js';
import { sendInsufficientScope, sendUnauthorized } from './require-auth.js';

export interface McpRouteDeps {
  authenticator: Authenticator;
  dispatcher: ToolDispatcher;
  logger: Logger;
  version: string;
  defaultMode: ToolMode;
  /** This server's base URL: `publicUrl` from config, else the listen address (never a request header). */
  publicUrl: string;
  /** Authorization servers named in the protected-resource metadata; none: a 401 explains how to get a token. */
  authorizationServers: readonly string[];
  /** Scopes of MCPist's own authorization server; the first is asked for in a 401's challenge. */
  scopesSupported?: readonly string[];
  /** The scope a request needs beyond its OAuth grant (a read-only grant running a write tool): 403 insufficient_scope. */
  scopeChallenge?: (principal: Principal, body: unknown) => Promise<string | undefined>;
}

/** Per connection: `?mode=direct` or `X-MCPist-Tool-Mode: direct` overrides the server's default. */
function modeOf(req: Request, fallback: ToolMode): ToolMode {
  const asked = (req.query.mode ?? req.get('x-mcpist-tool-mode'))?.toString().toLowerCase();
  return asked === 'direct' || asked === 'meta' ? asked : fallback;
}

/**
 * `POST /mcp`: Streamable HTTP, stateless. Each request is authenticated and
 * served by a fresh transport and a server bound to its principal, so any
 * instance behind a load balancer can answer any request.
 */
export function mcpRoute(deps: McpRouteDeps): Router {
  const router = Router();

  router.post('/mcp', async (req: Request, res: Response) => {
    const requestId = (res.locals.requestId as string | undefined) ?? randomUUID();
    let principal: Awaited<ReturnType<Authenticator['authenticate']>>;
    try {
      principal = await deps.authenticator.authenticate(req.get('authorization'));
    } catch (error) {
      if (!isMcpistError(error)) throw error;
      sendUnauthorized(req, res, error, {
        publicUrl: deps.publicUrl,
        body: 'json-rpc',
        noTokenHint: deps.authorizationServers.length === 0,
        ...(deps.scopesSupported?.[0] ? { scope: deps.scopesSupported[0] } : {}),
      });
      return;
    }
    const missingScope = await deps.scopeChallenge?.(principal, req.body);
    if (missingScope) {
      sendInsufficientScope(res, deps.publicUrl, missingScope);
      return;
    }
    // Stateless, yet later requests need to know what the client declared at initialize: the session id carries it.
    let hints = hintsFromSessionId(req.get('mcp-session-id'));
    if (isInitializeRequest(req.body)) {
      hints = hintsFromCapabilities(req.body.params.capabilities);
      res.setHeader('Mcp-Session-Id', sessionIdFor(hints));
    }
    const server = createMcpServer(
      deps.dispatcher,
      {
        principal,
        mode: modeOf(req, deps.defaultMode),
        requestId,
        hints,
        baseUrl: deps.publicUrl,
      },
      deps.version,
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      transport.close().catch(() => {});
      server.close().catch(() => {});
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });

  const notAllowed = (_req: Request, res: Response) => {
    res
      .status(405)
      .set('Allow', 'POST')
      .json(
        jsonRpcErrorBody(
          ErrorCode.InvalidRequest,
          'this server is stateless: use POST /mcp (no SSE stream, no sessions)',
        ),
      );
  };
  router.get('/mcp', notAllowed);
  router.delete('/mcp', notAllowed);
  return router;
}
