/**
 * The Tool Sieve's rule (DESIGN §4), runtime-neutral: the server's RoleSieve
 * and the `tool-sieve` Edge Function both compute a user's tools with it
 * (ADR 0042).
 */

/** A module's registry status: broken modules leave every view, deprecated ones are marked. */
export type ModuleStatus = 'stable' | 'deprecated' | 'broken';

/** What one role allows: its enabled modules, minus the tools masked per module. */
export interface RolePermissions {
  readonly enabledModules: readonly string[];
  readonly toolMasks: Readonly<Record<string, readonly string[]>>;
}

/** What the rule reads of a tool: the server's catalog tools and the published catalog's both fit. */
export interface SieveTool {
  qualifiedName: string;
  definition: { name: string };
}

/** The modules the rule chooses from, in catalog order. */
export interface SieveCatalog<Tool extends SieveTool> {
  modules: ReadonlyMap<string, { tools: ReadonlyMap<string, Tool> }>;
}

/** A module as `get_module_schema` describes it: full tool definitions, or an index's entries. */
export interface ModuleSchema<Tool> {
  module: string;
  display_name: string;
  description: string;
  api_version: string;
  deprecated?: true;
  tools: Tool[];
}

/**
 * The tools a set of roles allows: the union over the roles of their enabled
 * modules minus their masked tools, minus modules whose registry status is
 * `broken`. Modules a role names but that are not loaded are ignored. A tool
 * masked in one role but not in another is allowed (union).
 */
export function allowedToolsOf<Tool extends SieveTool>(
  catalog: SieveCatalog<Tool>,
  roles: readonly RolePermissions[],
  statuses: ReadonlyMap<string, ModuleStatus>,
): Tool[] {
  const allowed = new Set<string>();
  for (const role of roles) {
    for (const name of role.enabledModules) {
      const module = catalog.modules.get(name);
      if (!module || statuses.get(name) === 'broken') continue;
      const masked = new Set(role.toolMasks[name] ?? []);
      for (const tool of module.tools.values()) {
        if (!masked.has(tool.definition.name)) allowed.add(tool.qualifiedName);
      }
    }
  }
  // Catalog order, so equal sets give equal listings whatever the role order.
  return [...catalog.modules.values()].flatMap((m) =>
    [...m.tools.values()].filter((t) => allowed.has(t.qualifiedName)),
  );
}

/** One module of `get_module_schema`'s answer. */
export function moduleSchemaOf<Tool>(
  name: string,
  module: { displayName: string; description: string; upstreamApiVersion: string },
  deprecated: boolean,
  tools: Tool[],
): ModuleSchema<Tool> {
  return {
    module: name,
    display_name: module.displayName,
    description: module.description,
    api_version: module.upstreamApiVersion,
    ...(deprecated ? { deprecated: true as const } : {}),
    tools,
  };
}
