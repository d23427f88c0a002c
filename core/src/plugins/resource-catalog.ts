import {
  contentResult,
  type Icon,
  type ResourceBody,
  type ResourceDefinition,
  type ResourceTemplateDefinition,
  resourceBlock,
  type ToolContext,
  type ToolDefinition,
  z,
} from '@mcpist/plugin-sdk';
import { UriTemplate } from '@modelcontextprotocol/server';
import type { McpistConfig } from '../config/config-schema.js';
import type { RunnableTool } from '../runner/tool-runner.js';
import type { CatalogModule, ModuleCatalog } from './module-catalog.js';

/** A fixed resource, with its MCP listing and its read as a runnable handler, built once. */
export interface CatalogResource {
  kind: 'resource';
  module: CatalogModule;
  definition: ResourceDefinition;
  listing: {
    uri: string;
    name: string;
    title?: string;
    description: string;
    mimeType: string;
    icons?: readonly Icon[];
  };
  /** Runs `read` through the runner: input `{ uri }`. */
  reader: RunnableTool;
}

/** A resource template, with its listing, its URI matcher and its read, built once. */
export interface CatalogTemplate {
  kind: 'template';
  module: CatalogModule;
  definition: ResourceTemplateDefinition;
  listing: {
    uriTemplate: string;
    name: string;
    title?: string;
    description: string;
    mimeType: string;
    icons?: readonly Icon[];
  };
  matcher: UriTemplate;
  /** Runs `read` through the runner: input `{ uri, params }` (params validated). */
  reader: RunnableTool;
}

export type CatalogResourceEntry = CatalogResource | CatalogTemplate;

const NO_INPUT = z.object({});

/**
 * A handler the runner can run that is not a tool of the catalog: a resource
 * read or an argument completion. It gets everything a tool call gets (the
 * broker's credential, the limiter, retries — it only reads — the deadline,
 * the plugin's error mapping, logs and metrics under `name`).
 */
export function runnable(
  module: CatalogModule,
  name: string,
  timeoutMs: number,
  handler: (input: unknown, ctx: ToolContext) => Promise<unknown>,
): RunnableTool {
  const definition: ToolDefinition = Object.freeze({
    name,
    description: name,
    input: NO_INPUT,
    output: undefined,
    inputSchema: {},
    outputSchema: undefined,
    returns: 'record' as const,
    outputFields: Object.freeze([]),
    dangerous: false,
    readOnly: true,
    timeoutMs: undefined,
    icons: undefined,
    handler,
  });
  return { module, definition, timeoutMs };
}

/** A read's answer as one content block, under the URI the client asked for. */
function contentsOf(uri: string, declaredMimeType: string, body: ResourceBody) {
  if (typeof body === 'string') return contentResult([resourceBlock({ uri, mimeType: declaredMimeType, text: body })]);
  const mimeType = body.mimeType ?? declaredMimeType;
  if ('text' in body && typeof body.text === 'string')
    return contentResult([resourceBlock({ uri, mimeType, text: body.text })]);
  if ('blob' in body && body.blob !== undefined)
    return contentResult([resourceBlock({ uri, mimeType, blob: body.blob })]);
  throw new TypeError('a resource read must return text, { text } or { blob }');
}

function iconsOf(module: CatalogModule): { icons?: readonly Icon[] } {
  const icons = module.definition.icons;
  return icons && icons.length > 0 ? { icons } : {};
}

/**
 * Every module's resources and templates, in module then declaration order.
 * A plugin built with an SDK older than resources has none. Deadlines follow
 * the module's setting, else the server's default, like its tools'.
 */
export function buildResourceCatalog(
  catalog: ModuleCatalog,
  config: Pick<McpistConfig, 'pluginSettings' | 'runner'>,
): CatalogResourceEntry[] {
  const entries: CatalogResourceEntry[] = [];
  for (const module of catalog.modules.values()) {
    const timeoutMs = config.pluginSettings[module.name]?.timeoutMs ?? config.runner.timeoutMs;
    const head = (definition: ResourceDefinition | ResourceTemplateDefinition) => ({
      name: `${module.name}_${definition.name}`,
      ...(definition.title ? { title: definition.title } : {}),
      description: `[${module.displayName}] ${definition.description}`,
      mimeType: definition.mimeType,
      ...iconsOf(module),
    });
    for (const definition of module.definition.resources ?? []) {
      entries.push({
        kind: 'resource',
        module,
        definition,
        listing: { uri: definition.uri, ...head(definition) },
        reader: runnable(module, `read:${definition.name}`, timeoutMs, async (input, ctx) =>
          contentsOf((input as { uri: string }).uri, definition.mimeType, await definition.read(ctx)),
        ),
      });
    }
    for (const definition of module.definition.resourceTemplates ?? []) {
      entries.push({
        kind: 'template',
        module,
        definition,
        listing: { uriTemplate: definition.uriTemplate, ...head(definition) },
        matcher: new UriTemplate(definition.uriTemplate),
        reader: runnable(module, `read:${definition.name}`, timeoutMs, async (input, ctx) => {
          const { uri, params } = input as { uri: string; params: unknown };
          return contentsOf(uri, definition.mimeType, await definition.read(params, ctx));
        }),
      });
    }
  }
  return entries;
}
