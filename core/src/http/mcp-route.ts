import { randomUUID } from 'node:crypto';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { type AuthInfo, createMcpHandler, isInitializeRequest, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'winston';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { isMcpistError } from '../errors/mcpist-error.js';
import { hintsFromCapabilities, hintsFromSessionId, sessionIdFor } from '../mcp/client-hints.js';
import { createMcpServer } from '../mcp/create-mcp-server.js';
import type { InFlightCalls } from '../mcp/in-flight-calls.js';
import type { PromptDispatcher } from '../mcp/prompt-dispatcher.js';
import type { ResourceDispatcher } from '../mcp/resource-dispatcher.js';
import type { DispatchContext, ToolDispatcher, ToolMode } from '../mcp/tool-dispatcher.js';
import type { TaskService } from '../tasks/task-service.js';
import { jsonRpcErrorBody } from './json-rpc-error-body.js';
import { serveLegacyExchange } from './legacy-exchange.js';
import { isLegacyPost } from './legacy-route.js';
import { sendInsufficientScope, sendUnauthorized } from './require-auth.js';

export interface McpRouteDeps {
  authenticator: Authenticator;
  dispatcher: ToolDispatcher;
  prompts: PromptDispatcher;
  /** Resources and templates from plugins; absent: none offered. */
  resources?: ResourceDispatcher;
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
  /** Calls running here, for 2025-era cancellations (which arrive as separate POSTs). */
  inFlight: InFlightCalls;
  /** MCP tasks: calls a client asked to run detached (none: not offered). */
  tasks?: TaskService | undefined;
}

type RequestId = string | number;

/** A 2025-era `notifications/cancelled`, naming the request to cancel. */
function cancellationOf(body: unknown): { requestId: RequestId; reason: string } | undefined {
  const message = body as { method?: unknown; params?: { requestId?: unknown; reason?: unknown } } | undefined;
  if (message?.method !== 'notifications/cancelled') return undefined;
  const requestId = message.params?.requestId;
  if (typeof requestId !== 'string' && typeof requestId !== 'number') return undefined;
  return { requestId, reason: typeof message.params?.reason === 'string' ? message.params.reason : '' };
}

/** The JSON-RPC id of a `tools/call` request. */
function callIdOf(body: unknown): RequestId | undefined {
  const message = body as { method?: unknown; id?: unknown } | undefined;
  if (message?.method !== 'tools/call') return undefined;
  return typeof message.id === 'string' || typeof message.id === 'number' ? message.id : undefined;
}

/** Per connection: `?mode=direct` or `X-MCPist-Tool-Mode: direct` overrides the server's default. */
function modeOf(req: Request, fallback: ToolMode): ToolMode {
  const asked = (req.query.mode ?? req.get('x-mcpist-tool-mode'))?.toString().toLowerCase();
  return asked === 'direct' || asked === 'meta' ? asked : fallback;
}

const CONTEXT_KEY = 'mcpist';

/**
 * `POST /mcp`: Streamable HTTP, stateless, both protocol eras on one
 * endpoint. The SDK's classifier tells a 2026-07-28 request (version and
 * capabilities in its `_meta`) from a 2025-era one: the SDK's strict handler
 * serves the first, a per-request exchange here the second (legacy-exchange.ts,
 * as the SDK recommends for custom 2025-era serving). Each request is
 * authenticated here first and served by a fresh server bound to its
 * principal, so any instance behind a load balancer can answer any request.
 */
export function mcpRoute(deps: McpRouteDeps): Router {
  const router = Router();
  const { inFlight } = deps;
  const serverFor = (context: DispatchContext, era: 'legacy' | 'modern') =>
    createMcpServer(
      { tools: deps.dispatcher, prompts: deps.prompts, resources: deps.resources, tasks: deps.tasks },
      context,
      deps.version,
      era,
    );
  const handler = createMcpHandler(
    ({ era, authInfo }) => {
      const context = authInfo?.extra?.[CONTEXT_KEY] as DispatchContext | undefined;
      // Unreachable: every request reaching the handler was authenticated below.
      if (!context) throw new Error('MCP request without an authenticated context');
      return serverFor(context, era);
    },
    { legacy: 'reject', onerror: (error) => deps.logger.debug('mcp request refused', { error: error.message }) },
  );
  const serve = toNodeHandler(handler, {
    onerror: (error) => deps.logger.error('mcp request failed', { error: error.message }),
  });

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
      sendInsufficientScope(req, res, deps.publicUrl, missingScope);
      return;
    }
    // Stateless, yet later requests need to know what the client declared at initialize: the session id carries it.
    let hints = hintsFromSessionId(req.get('mcp-session-id'));
    if ((req.body as { method?: unknown } | undefined)?.method === 'initialize' && isInitializeRequest(req.body)) {
      hints = hintsFromCapabilities(req.body.params.capabilities);
      res.setHeader('Mcp-Session-Id', sessionIdFor(hints));
    }
    // 2025-era clients cancel with a separate POST; it finds the call here when this process runs it.
    const sessionId = req.get('mcp-session-id');
    const cancellation = sessionId ? cancellationOf(req.body) : undefined;
    if (sessionId && cancellation) {
      res.status(202).end();
      await inFlight
        .cancel(principal.userId, sessionId, cancellation.requestId, cancellation.reason)
        .catch((error: Error) => deps.logger.warn('cancellation not relayed', { error: error.message }));
      return;
    }
    const callId = sessionId ? callIdOf(req.body) : undefined;
    const tracked = sessionId && callId !== undefined ? inFlight.track(principal.userId, sessionId, callId) : undefined;
    if (tracked) res.on('close', tracked.done);
    const context: DispatchContext = {
      principal,
      mode: modeOf(req, deps.defaultMode),
      requestId,
      hints,
      baseUrl: deps.publicUrl,
      ...(tracked ? { cancel: tracked.signal } : {}),
    };
    // The handler passes `authInfo` through to the factory untouched; the bearer token itself stays out of it.
    const auth: AuthInfo = { token: '', clientId: principal.userId, scopes: [], extra: { [CONTEXT_KEY]: context } };
    const legacy =
      req.body !== undefined &&
      isLegacyPost({
        protocolVersionHeader: req.get('mcp-protocol-version'),
        mcpMethodHeader: req.get('mcp-method'),
        mcpNameHeader: req.get('mcp-name'),
        body: req.body,
      });
    if (legacy) {
      await serveLegacyExchange(serverFor(context, 'legacy'), Object.assign(req, { auth }), res, req.body);
      return;
    }
    await serve(Object.assign(req, { auth }), res, req.body);
  });

  const notAllowed = (_req: Request, res: Response) => {
    res
      .status(405)
      .set('Allow', 'POST')
      .json(
        jsonRpcErrorBody(
          ProtocolErrorCode.InvalidRequest,
          'this server is stateless: use POST /mcp (no SSE stream, no sessions)',
        ),
      );
  };
  router.get('/mcp', notAllowed);
  router.delete('/mcp', notAllowed);
  return router;
}
