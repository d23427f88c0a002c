import type { ModuleCatalog } from '../plugins/module-catalog.js';
import type { RolesRepository, ToolMasks } from '../store/repositories/roles-repository.js';

/**
 * The `dangerous` tools (those that destroy or finalize data) of the named
 * modules, as role masks: new roles start with them off (DESIGN §4). Modules
 * that are not loaded, or have no dangerous tool, are left out.
 */
export function dangerousMasks(catalog: ModuleCatalog, modules: Iterable<string>): ToolMasks {
  const masks: ToolMasks = {};
  for (const name of new Set(modules)) {
    const module = catalog.modules.get(name);
    if (!module) continue;
    const dangerous = [...module.tools.values()].filter((tool) => tool.definition.dangerous);
    if (dangerous.length > 0) masks[name] = dangerous.map((tool) => tool.definition.name).sort();
  }
  return masks;
}

/** Adds masks to masks, per module, without duplicates. */
export function mergeMasks(...sets: readonly ToolMasks[]): ToolMasks {
  const merged: Record<string, Set<string>> = {};
  for (const masks of sets) {
    for (const [module, tools] of Object.entries(masks)) {
      merged[module] ??= new Set();
      for (const tool of tools) merged[module].add(tool);
    }
  }
  return Object.fromEntries(Object.entries(merged).map(([module, tools]) => [module, [...tools].sort()]));
}

/**
 * Gives every default role the modules not yet offered to them (`added`,
 * from the module registry sync: new modules, and on an upgraded install the
 * ones registered before roles existed), with their dangerous tools masked.
 * Each module is offered once (the caller marks it), so an admin's later
 * removal sticks across restarts. Only loaded modules are given: a module
 * that failed to load has no known tools to mask, and is offered when it loads.
 */
export async function grantNewModulesToDefaultRoles(
  roles: RolesRepository,
  catalog: ModuleCatalog,
  added: readonly string[],
): Promise<void> {
  const modules = added.filter((name) => catalog.modules.has(name));
  if (modules.length === 0) return;
  for (const role of (await roles.list()).filter((r) => r.isDefault)) {
    await roles.setPermissions(role.id, {
      enabledModules: [...new Set([...role.enabledModules, ...modules])],
      toolMasks: mergeMasks(role.toolMasks, dangerousMasks(catalog, modules)),
    });
  }
}
