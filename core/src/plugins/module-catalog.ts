import type {
  Icon,
  JsonSchema,
  PluginDefinition,
  PromptDefinition,
  RateLimitDeclaration,
  ToolDefinition,
} from '@mcpist/plugin-sdk';
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
  icons?: readonly Icon[];
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

/** A plugin's prompt, with its MCP listing computed once. */
export interface CatalogPrompt {
  module: CatalogModule;
  definition: PromptDefinition;
  /** `module_prompt`, as clients see it. */
  qualifiedName: string;
  listing: {
    name: string;
    title?: string;
    description: string;
    arguments: PromptDefinition['argumentList'];
    icons?: readonly Icon[];
  };
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

/** A tool's icons, else its module's (MCP 2025-11-25); nothing when neither declares any. */
function iconsOf(module: CatalogModule, tool: ToolDefinition): { icons?: DirectToolListing['icons'] } {
  const icons = tool.icons ?? module.definition.icons;
  return icons && icons.length > 0 ? { icons } : {};
}

/** A value computed on first use, then kept. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

function buildTool(module: CatalogModule, tool: ToolDefinition, timeoutMs: number): CatalogTool {
  const qualifiedName = `${module.name}_${tool.name}`;
  // Built once, on first use: start-up converts no schema, and a session pays only for the tools it lists.
  const schemaEntry = once(
    (): ToolSchemaEntry => ({
      name: tool.name,
      description: tool.description,
      inputSchema: compactSchema(tool.inputSchema),
      output_fields: tool.outputFields,
      returns: tool.returns,
      dangerous: tool.dangerous,
      readOnly: tool.readOnly,
    }),
  );
  const directListing = once((): DirectToolListing => {
    const inputSchema = tool.inputSchema as JsonSchema & { properties?: Record<string, unknown> };
    const outputSchema = outputSchemaOf(tool);
    return {
      name: qualifiedName,
      description: `[${module.displayName}] ${tool.description}`,
      inputSchema: {
        ...inputSchema,
        type: 'object',
        properties: { ...(inputSchema.properties ?? {}), format: FORMAT_PROPERTY },
      },
      ...(outputSchema ? { outputSchema } : {}),
      ...iconsOf(module, tool),
      annotations: {
        title: `${module.displayName}: ${tool.name}`,
        readOnlyHint: tool.readOnly,
        destructiveHint: tool.dangerous,
        openWorldHint: true,
      },
    };
  });
  return {
    module,
    definition: tool,
    qualifiedName,
    timeoutMs,
    get schemaEntry() {
      return schemaEntry();
    },
    indexEntry: {
      name: tool.name,
      summary: summaryOf(tool.description),
      ...(tool.readOnly ? { readOnly: true as const } : {}),
      ...(tool.dangerous ? { dangerous: true as const } : {}),
    },
    get directListing() {
      return directListing();
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
  /** Every module's prompts by qualified name, in module then declaration order. */
  readonly prompts: ReadonlyMap<string, CatalogPrompt>;
  private readonly byQualifiedName = new Map<string, CatalogTool>();

  constructor(plugins: readonly LoadedPlugin[], config: Pick<McpistConfig, 'pluginSettings' | 'runner'>) {
    const modules = new Map<string, CatalogModule>();
    const prompts = new Map<string, CatalogPrompt>();
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
      // A plugin built with an SDK older than prompts has none.
      for (const prompt of definition.prompts ?? []) {
        const qualifiedName = `${module.name}_${prompt.name}`;
        const icons = module.definition.icons;
        prompts.set(qualifiedName, {
          module,
          definition: prompt,
          qualifiedName,
          listing: {
            name: qualifiedName,
            ...(prompt.title ? { title: prompt.title } : {}),
            description: `[${module.displayName}] ${prompt.description}`,
            arguments: prompt.argumentList,
            ...(icons && icons.length > 0 ? { icons } : {}),
          },
        });
      }
      modules.set(definition.name, module);
    }
    this.modules = modules;
    this.prompts = prompts;
  }

  tool(module: string, tool: string): CatalogTool | undefined {
    return this.modules.get(module)?.tools.get(tool);
  }

  toolByQualifiedName(name: string): CatalogTool | undefined {
    return this.byQualifiedName.get(name);
  }
}
