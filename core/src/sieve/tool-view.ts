import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import { moduleSchemaOf, type ModuleSchema as SharedModuleSchema } from '../neutral/allowed-tools.js';
import type {
  CatalogTool,
  DirectToolListing,
  ModuleCatalog,
  ToolIndexEntry,
  ToolSchemaEntry,
} from '../plugins/module-catalog.js';

/** A module as `get_module_schema` describes it: full tool definitions, or an index's entries. */
export type ModuleSchema<Tool = ToolSchemaEntry> = SharedModuleSchema<Tool>;

/** Called when a principal names a tool that exists but is not theirs. */
export type DeniedListener = (module: string, tool: string | undefined, reason: string) => void;

/**
 * What one principal may see and run. Built by the sieve, cached, and shared
 * by every request of principals with the same permissions. A forbidden tool
 * is indistinguishable from an unknown one.
 */
export class ToolView {
  private readonly byModule = new Map<string, Map<string, CatalogTool>>();
  private readonly byQualifiedName = new Map<string, CatalogTool>();
  private readonly deprecated: ReadonlySet<string>;
  /** Direct-mode listing, computed once per view. */
  readonly directListings: readonly DirectToolListing[];

  constructor(
    private readonly catalog: ModuleCatalog,
    tools: readonly CatalogTool[],
    options: { deprecatedModules?: Iterable<string> } = {},
  ) {
    for (const tool of tools) {
      const name = tool.module.name;
      if (!this.byModule.has(name)) this.byModule.set(name, new Map());
      this.byModule.get(name)?.set(tool.definition.name, tool);
      this.byQualifiedName.set(tool.qualifiedName, tool);
    }
    this.deprecated = new Set(options.deprecatedModules ?? []);
    this.directListings = tools.map((tool) => tool.directListing);
  }

  /** The same view with only the tools `keep` accepts (a read-only grant's view); modules left empty disappear. */
  restrictedTo(keep: (tool: CatalogTool) => boolean): ToolView {
    return new ToolView(this.catalog, [...this.byQualifiedName.values()].filter(keep), {
      deprecatedModules: this.deprecated,
    });
  }

  /** The allowed tool `module:tool` names, without reporting anything; undefined when not in this view. */
  find(module: string, tool: string): CatalogTool | undefined {
    return this.byModule.get(module)?.get(tool);
  }

  /** The allowed tool by its direct-mode name; undefined when not in this view. */
  findQualified(name: string): CatalogTool | undefined {
    return this.byQualifiedName.get(name);
  }

  get moduleNames(): string[] {
    return [...this.byModule.keys()];
  }

  /** Every allowed tool as `module:tool`. */
  allowedTools(): string[] {
    return [...this.byQualifiedName.values()].map((tool) => `${tool.module.name}:${tool.definition.name}`);
  }

  /**
   * Schemas of the requested modules: every definition, or only those of the
   * named `tools` (progressive discovery). Modules and tools this view does
   * not hold come back in `unknown` / `unknownTools`.
   */
  schema(
    modules: readonly string[],
    tools?: readonly string[],
  ): { modules: ModuleSchema[]; unknown: string[]; unknownTools: string[] } {
    const named = tools ? new Set(tools) : undefined;
    const seen = new Set<string>();
    const { modules: found, unknown } = this.describe(modules, (tool) => {
      if (named && !named.has(tool.definition.name)) return undefined;
      seen.add(tool.definition.name);
      return tool.schemaEntry;
    });
    return { modules: found, unknown, unknownTools: named ? [...named].filter((name) => !seen.has(name)) : [] };
  }

  /** The compact index of the requested modules: each tool's name and one-line summary. */
  index(modules: readonly string[]): { modules: ModuleSchema<ToolIndexEntry>[]; unknown: string[] } {
    return this.describe(modules, (tool) => tool.indexEntry);
  }

  private describe<T>(
    modules: readonly string[],
    entry: (tool: CatalogTool) => T | undefined,
  ): { modules: ModuleSchema<T>[]; unknown: string[] } {
    const found: ModuleSchema<T>[] = [];
    const unknown: string[] = [];
    for (const name of new Set(modules)) {
      const tools = this.byModule.get(name);
      const module = this.catalog.modules.get(name);
      if (!tools || !module) {
        unknown.push(name);
        continue;
      }
      found.push(
        moduleSchemaOf(
          name,
          module,
          this.deprecated.has(name),
          [...tools.values()].flatMap((tool) => {
            const value = entry(tool);
            return value === undefined ? [] : [value];
          }),
        ),
      );
    }
    return { modules: found, unknown };
  }

  /**
   * The tool for a call, or INVALID_MODULE / INVALID_TOOL. `onDenied` hears
   * about tools that exist but are outside this view (a security event).
   */
  resolve(module: string, tool: string, onDenied?: DeniedListener): CatalogTool {
    const tools = this.byModule.get(module);
    if (!tools) {
      if (this.catalog.modules.has(module)) onDenied?.(module, tool, 'module not allowed');
      throw new McpistError(
        ErrorCodes.INVALID_MODULE,
        `unknown module "${module}"; available modules: ${this.moduleNames.join(', ') || 'none'}`,
        { data: { module } },
      );
    }
    const found = tools.get(tool);
    if (!found) {
      if (this.catalog.tool(module, tool)) onDenied?.(module, tool, 'tool not allowed');
      throw new McpistError(
        ErrorCodes.INVALID_TOOL,
        `unknown tool "${tool}" in module "${module}"; call get_module_schema for the list`,
        { data: { module, tool } },
      );
    }
    return found;
  }

  /** Direct mode: the tool named `module_tool`, or INVALID_TOOL. */
  resolveQualified(name: string, onDenied?: DeniedListener): CatalogTool {
    const found = this.byQualifiedName.get(name);
    if (found) return found;
    const existing = this.catalog.toolByQualifiedName(name);
    if (existing) onDenied?.(existing.module.name, existing.definition.name, 'tool not allowed');
    throw new McpistError(ErrorCodes.INVALID_TOOL, `unknown tool "${name}"`, { data: { tool: name } });
  }
}
