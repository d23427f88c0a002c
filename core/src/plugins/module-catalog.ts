import type { JsonSchema, PluginDefinition, RateLimitDeclaration, ToolDefinition } from '@mcpist/plugin-sdk';
import type { McpistConfig } from '../config/config-schema.js';
import { compactSchema, summaryOf } from './compact-schema.js';
import type { LoadedPlugin } from './load-plugin.js';

/** The tool entry `get_module_schema` returns, built once. */
export interface ToolSchemaEntry {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  output_fields: readonly string[];
  returns: 'list' | 'record' | 'text';
  dangerous: boolean;
  readOnly: boolean;
}

/** A tool in `get_module_schema`'s compact index: its name and one line, built once. */
export interface ToolIndexEntry {
  name: string;
  summary: string;
  readOnly?: true;
  dangerous?: true;
}

/** A tool as MCP lists it natively in direct mode, built once. */
export interface DirectToolListing {
  name: string;
  description: string;
  inputSchema: JsonSchema & { type: 'object' };
  outputSchema?: JsonSchema & { type: 'object' };
  annotations: { title: string; readOnlyHint: boolean; destructiveHint: boolean; openWorldHint: true };
}

export interface CatalogTool {
  module: CatalogModule;
  definition: ToolDefinition;
  /** `module_tool`, the direct-mode name. */
  qualifiedName: string;
  timeoutMs: number;
  schemaEntry: ToolSchemaEntry;
  indexEntry: ToolIndexEntry;
  directListing: DirectToolListing;
}

export interface CatalogModule {
  name: string;
  displayName: string;
  description: string;
  upstreamApiVersion: string;
  packageName: string;
  packageVersion: string | undefined;
  /** Credential key in the broker; undefined for modules that need no credential. */
  service: string | undefined;
  baseUrl: string;
  rateLimits: RateLimitDeclaration;
  tools: ReadonlyMap<string, CatalogTool>;
  definition: PluginDefinition;
}

const FORMAT_PROPERTY = {
  type: 'string',
  enum: ['toon', 'json'],
  description: 'Output format: TOON (default, compact) or JSON.',
};

function outputSchemaOf(tool: ToolDefinition): (JsonSchema & { type: 'object' }) | undefined {
  if (!tool.outputSchema) return undefined;
  if (tool.returns === 'record') return tool.outputSchema as JsonSchema & { type: 'object' };
  return { type: 'object', properties: { items: { type: 'array', items: tool.outputSchema } }, required: ['items'] };
}

function buildTool(module: CatalogModule, tool: ToolDefinition, timeoutMs: number): CatalogTool {
  const inputSchema = tool.inputSchema as JsonSchema & { properties?: Record<string, unknown> };
  const outputSchema = outputSchemaOf(tool);
  const qualifiedName = `${module.name}_${tool.name}`;
  return {
    module,
    definition: tool,
    qualifiedName,
    timeoutMs,
    schemaEntry: {
      name: tool.name,
      description: tool.description,
      inputSchema: compactSchema(tool.inputSchema),
      output_fields: tool.outputFields,
      returns: tool.returns,
      dangerous: tool.dangerous,
      readOnly: tool.readOnly,
    },
    indexEntry: {
      name: tool.name,
      summary: summaryOf(tool.description),
      ...(tool.readOnly ? { readOnly: true as const } : {}),
      ...(tool.dangerous ? { dangerous: true as const } : {}),
    },
    directListing: {
      name: qualifiedName,
      description: `[${module.displayName}] ${tool.description}`,
      inputSchema: {
        ...inputSchema,
        type: 'object',
        properties: { ...(inputSchema.properties ?? {}), format: FORMAT_PROPERTY },
      },
      ...(outputSchema ? { outputSchema } : {}),
      annotations: {
        title: `${module.displayName}: ${tool.name}`,
        readOnlyHint: tool.readOnly,
        destructiveHint: tool.dangerous,
        openWorldHint: true,
      },
    },
  };
}

/**
 * Every loaded module and tool with everything derived from configuration
 * computed once at start-up: base URL overrides, deadlines, schema entries,
 * direct-mode listings. Requests only look things up here.
 */
export class ModuleCatalog {
  readonly modules: ReadonlyMap<string, CatalogModule>;
  private readonly byQualifiedName = new Map<string, CatalogTool>();

  constructor(plugins: readonly LoadedPlugin[], config: Pick<McpistConfig, 'pluginSettings' | 'runner'>) {
    const modules = new Map<string, CatalogModule>();
    for (const { definition, packageName, packageVersion } of [...plugins].sort((a, b) =>
      a.definition.name.localeCompare(b.definition.name),
    )) {
      const settings = config.pluginSettings[definition.name] ?? {};
      const tools = new Map<string, CatalogTool>();
      const module: CatalogModule = {
        name: definition.name,
        displayName: definition.displayName,
        description: definition.description,
        upstreamApiVersion: definition.upstreamApiVersion,
        packageName,
        packageVersion,
        service: definition.auth ? (definition.auth.service ?? definition.name) : undefined,
        baseUrl: (settings.baseUrl ?? definition.baseUrl).replace(/\/+$/, ''),
        rateLimits: settings.rateLimits ?? definition.rateLimits ?? {},
        tools,
        definition,
      };
      for (const tool of definition.tools) {
        const timeoutMs = settings.timeoutMs ?? tool.timeoutMs ?? config.runner.timeoutMs;
        const entry = buildTool(module, tool, timeoutMs);
        tools.set(tool.name, entry);
        this.byQualifiedName.set(entry.qualifiedName, entry);
      }
      modules.set(definition.name, module);
    }
    this.modules = modules;
  }

  tool(module: string, tool: string): CatalogTool | undefined {
    return this.modules.get(module)?.tools.get(tool);
  }

  toolByQualifiedName(name: string): CatalogTool | undefined {
    return this.byQualifiedName.get(name);
  }
}
