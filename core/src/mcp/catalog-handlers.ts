import type {
  ListResourceTemplatesResult,
  Prompt,
  Resource,
  Server,
  ServerCapabilities,
} from '@modelcontextprotocol/server';
import { withCallSignal } from './call-signal.js';
import type { PromptDispatcher } from './prompt-dispatcher.js';
import type { ResourceDispatcher } from './resource-dispatcher.js';
import type { DispatchContext } from './tool-dispatcher.js';

/** What plugins offer besides tools: prompts, resources and templates. */
export interface CatalogDispatchers {
  prompts: PromptDispatcher;
  /** Absent where a composition predates resources (it then offers none). */
  resources?: ResourceDispatcher | undefined;
}

const NO_COMPLETION = { completion: { values: [], total: 0, hasMore: false } };

/** The capabilities for what the loaded plugins offer: no `prompts` or `resources` when none declares any. */
export function catalogCapabilities({ prompts, resources }: CatalogDispatchers): ServerCapabilities {
  const hasPrompts = prompts.any;
  const hasResources = resources?.any ?? false;
  return {
    ...(hasPrompts ? { prompts: { listChanged: false } } : {}),
    ...(hasResources ? { resources: { listChanged: false } } : {}),
    ...(hasPrompts || hasResources ? { completions: {} } : {}),
  };
}

/** Lists depend on the principal: only the requesting client may cache them. */
export const CATALOG_CACHE_HINTS = {
  'prompts/list': { ttlMs: 60_000, cacheScope: 'private' },
  'resources/list': { ttlMs: 60_000, cacheScope: 'private' },
  'resources/templates/list': { ttlMs: 60_000, cacheScope: 'private' },
} as const;

/**
 * Wires `prompts/*`, `resources/*` and `completion/complete` of one server
 * (bound to one principal) to the shared dispatchers. Only what the plugins
 * offer is wired: a server without resources answers `resources/list` with
 * -32601, as before.
 */
export function registerCatalogHandlers(
  server: Server,
  { prompts, resources }: CatalogDispatchers,
  context: DispatchContext,
): void {
  if (prompts.any) {
    server.setRequestHandler('prompts/list', async (request) => {
      const page = await prompts.list(context, request.params?.cursor);
      return { prompts: page.items as Prompt[], ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    });
    server.setRequestHandler('prompts/get', (request) =>
      prompts.get(context, request.params.name, request.params.arguments),
    );
  }
  if (resources?.any) {
    server.setRequestHandler('resources/list', async (request) => {
      const page = await resources.list(context, request.params?.cursor);
      return {
        resources: page.items as Resource[],
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    });
    server.setRequestHandler('resources/templates/list', async (request) => {
      const page = await resources.listTemplates(context, request.params?.cursor);
      return {
        resourceTemplates: page.items as ListResourceTemplatesResult['resourceTemplates'],
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    });
    server.setRequestHandler('resources/read', (request, ctx) =>
      withCallSignal(ctx.mcpReq.signal, context.cancel, (signal) =>
        resources.read(context, request.params.uri, signal),
      ),
    );
  }
  if (prompts.any || resources?.any) {
    server.setRequestHandler('completion/complete', async (request) => {
      const { ref, argument, context: given } = request.params;
      if (ref.type === 'ref/prompt') {
        return { completion: await prompts.complete(context, ref.name, argument, given?.arguments) };
      }
      if (ref.type === 'ref/resource' && resources) {
        return { completion: await resources.complete(context, ref.uri, argument, given?.arguments) };
      }
      return NO_COMPLETION;
    });
  }
}
