import type { ModuleCatalog } from '../plugins/module-catalog.js';
import type { RolePermissions, ToolMasks } from '../store/repositories/roles-repository.js';
import { dangerousMasks, mergeMasks } from './default-masks.js';

/** A role's requested permissions name something that does not exist; `field` says which input. */
export class RolePermissionsError extends Error {
  constructor(
    readonly field: 'modules' | 'masks',
    message: string,
  ) {
    super(message);
    this.name = 'RolePermissionsError';
  }
}

/**
 * Checks a new role's modules and masks against the loaded plugins, for the
 * CLI and the admin API alike, and masks the modules' dangerous tools unless
 * `allowDangerous`. Throws RolePermissionsError naming the first bad entry.
 */
export function checkRolePermissions(
  catalog: ModuleCatalog,
  input: { modules: readonly string[]; masks: ToolMasks; allowDangerous?: boolean | undefined },
): RolePermissions {
  const enabledModules = [...new Set(input.modules)];
  const loaded = [...catalog.modules.keys()].join(', ') || 'none';
  for (const module of enabledModules) {
    if (!catalog.modules.has(module)) {
      throw new RolePermissionsError('modules', `unknown module "${module}"; loaded modules: ${loaded}`);
    }
  }
  for (const [module, tools] of Object.entries(input.masks)) {
    for (const tool of tools) {
      if (!enabledModules.includes(module)) {
        throw new RolePermissionsError('masks', `mask "${module}:${tool}": module "${module}" is not enabled`);
      }
      if (!catalog.tool(module, tool)) {
        throw new RolePermissionsError('masks', `mask "${module}:${tool}": module "${module}" has no tool "${tool}"`);
      }
    }
  }
  const defaults = input.allowDangerous ? {} : dangerousMasks(catalog, enabledModules);
  return { enabledModules, toolMasks: mergeMasks(input.masks, defaults) };
}
