import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type InputRequiredResult,
  inputRequired,
  type Server,
  type ServerContext,
  UrlElicitationRequiredError,
} from '@modelcontextprotocol/server';
import type { CallReporter } from '../runner/tool-runner.js';
import type { TaskService } from '../tasks/task-service.js';
import { withCallSignal } from './call-signal.js';
import {
  CATALOG_CACHE_HINTS,
  type CatalogDispatchers,
  catalogCapabilities,
  registerCatalogHandlers,
} from './catalog-handlers.js';
import { ConnectRequired } from './connect-required.js';
import { installTasks } from './tasks/install-tasks.js';
import { TaskAwareServer } from './tasks/task-aware-server.js';
import type { DispatchContext, ToolDispatcher } from './tool-dispatcher.js';

const INSTRUCTIONS = [
  "MCPist gives you the user's external services (GitHub, Notion, Jira, ...) as modules.",
  'Call get_module_schema with the modules you need, then run tools with call, or several at once with batch.',
  'Results are TOON: `items[N]{a,b}:` followed by one row per record.',
].join(' ');

/** The key of the connect page in an `input_required` round trip (2026-07-28). */
const CONNECT_INPUT = 'connect';

/** Which protocol era an instance serves: `modern` is 2026-07-28 (per-request `_meta`), `legacy` the 2025 revisions. */
export type ProtocolEra = 'legacy' | 'modern';

function declaresUrlElicitation(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation as Record<string, unknown> | undefined;
  return elicitation !== undefined && typeof elicitation.url === 'object';
}

/**
 * The client hints of one 2026-07-28 request: its capabilities arrive in
 * `_meta` every time. A retry that answers the connect page is not asked
 * again: when the service is still not connected, the link comes back in
 * the result.
 */
function modernHints(ctx: ServerContext): DispatchContext['hints'] {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const capabilities = envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  const answered = ctx.mcpReq.inputResponses !== undefined && CONNECT_INPUT in ctx.mcpReq.inputResponses;
  return { urlElicitation: declaresUrlElicitation(capabilities) && !answered };
}

/**
 * Asks the client to open the connect page: an `input_required` round trip
 * on 2026-07-28, the URL elicitation error (-32042) on 2025-11-25.
 */
function askToConnect(era: ProtocolEra, prompt: ConnectRequired): InputRequiredResult {
  if (era === 'modern') {
    return inputRequired({
      inputRequests: { [CONNECT_INPUT]: inputRequired.elicitUrl({ url: prompt.url, message: prompt.message }) },
    });
  }
  throw new UrlElicitationRequiredError(
    [{ mode: 'url', elicitationId: prompt.elicitationId, url: prompt.url, message: prompt.message }],
    prompt.message,
  );
}

/**
 * Sends a call's progress to the client when its request carried a progress
 * token, and its log lines from `info` up as log notifications to 2025-era
 * clients (2026-07-28 deprecates them). A level set with `logging/setLevel`
 * cannot outlive its own request on a stateless endpoint, so `info` is the
 * floor: plugin SDKs' debug chatter never reaches a client.
 */
function reporterFor(era: ProtocolEra, ctx: ServerContext, progressToken: string | number | undefined): CallReporter {
  const send = (notification: Parameters<ServerContext['mcpReq']['notify']>[0]) => {
    ctx.mcpReq.notify(notification).catch(() => {});
  };
  return {
    progress: (done, total) => {
      if (progressToken === undefined) return;
      send({
        method: 'notifications/progress',
        params: { progressToken, progress: done, ...(total === undefined ? {} : { total }) },
      });
    },
    log: (level, message, fields) => {
      if (era !== 'legacy' || level === 'debug') return;
      ctx.mcpReq.log(level, fields ? { message, ...fields } : message, 'mcpist').catch(() => {});
    },
  };
}

/**
 * An MCP server bound to one principal and one protocol era. Cheap to build:
 * it only wires handlers to the shared dispatcher. Streamable HTTP builds one
 * per request (stateless, so any instance can serve any request); stdio one
 * per connection.
 */
export function createMcpServer(
  {
    tools: dispatcher,
    tasks,
    ...catalog
  }: {
    tools: ToolDispatcher;
    /** Runs calls as MCP tasks when the client asks (none: tasks are not offered). */
    tasks?: TaskService | undefined;
  } & CatalogDispatchers,
  context: DispatchContext,
  version: string,
  era: ProtocolEra = 'legacy',
): Server {
  const server = new TaskAwareServer(
    { name: 'mcpist', version, title: 'MCPist' },
    {
      capabilities: {
        tools: { listChanged: false },
        logging: {},
        ...catalogCapabilities(catalog),
      },
      instructions: INSTRUCTIONS,
      // Lists depend on the principal: only the requesting client may cache them.
      cacheHints: {
        'tools/list': { ttlMs: 60_000, cacheScope: 'private' },
        ...CATALOG_CACHE_HINTS,
      },
    },
  );
  server.setRequestHandler('tools/list', async (request) => {
    const page = await dispatcher.listTools(context, request.params?.cursor);
    return { tools: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  });
  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult | InputRequiredResult> => {
    const hints = era === 'modern' ? modernHints(ctx) : context.hints;
    try {
      const result = await withCallSignal(ctx.mcpReq.signal, context.cancel, (signal) =>
        dispatcher.callTool(
          { ...context, hints, report: reporterFor(era, ctx, request.params._meta?.progressToken) },
          request.params.name,
          request.params.arguments,
          signal,
        ),
      );
      return server.projectCallToolResult(result, undefined);
    } catch (error) {
      if (error instanceof ConnectRequired) return askToConnect(era, error);
      throw error;
    }
  });
  registerCatalogHandlers(server, catalog, context);
  if (tasks) installTasks(server, tasks, { era, context, dispatcher });
  return server;
}
