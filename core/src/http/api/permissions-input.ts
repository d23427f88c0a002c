import { z } from 'zod';
import type { ModuleCatalog } from '../../plugins/module-catalog.js';
import { dangerousMasks } from '../../sieve/default-masks.js';
import type { RolePermissions, ToolMasks } from '../../store/repositories/roles-repository.js';
import { ApiError, type ApiIssue } from './api-error.js';

const name = z.string().min(1).max(100);

export const enabledModulesSchema = z.array(name).max(500);
export const toolMasksSchema = z.record(name, z.array(name).max(1000));

export const permissionsSchema = z.object({ enabled_modules: z.array(z.string()), tool_masks: toolMasksSchema });

/**
 * Checks that every module and masked tool exists. Modules come from the
 * loaded catalog or the registry (a plugin that failed to load is still a
 * module an admin may enable); tools are checked for loaded modules.
 */
export function checkPermissionNames(
  catalog: ModuleCatalog,
  registered: ReadonlySet<string>,
  input: { enabled_modules?: readonly string[] | undefined; tool_masks?: ToolMasks | undefined },
): void {
  const known = (module: string) => catalog.modules.has(module) || registered.has(module);
  const issues: ApiIssue[] = [];
  (input.enabled_modules ?? []).forEach((module, index) => {
    if (!known(module)) issues.push({ field: `enabled_modules[${index}]`, message: `unknown module "${module}"` });
  });
  for (const [module, tools] of Object.entries(input.tool_masks ?? {})) {
    if (!known(module)) {
      issues.push({ field: `tool_masks.${module}`, message: `unknown module "${module}"` });
      continue;
    }
    const loaded = catalog.modules.get(module);
    tools.forEach((tool, index) => {
      if (loaded && !loaded.tools.has(tool)) {
        issues.push({ field: `tool_masks.${module}[${index}]`, message: `unknown tool "${tool}" in "${module}"` });
      }
    });
  }
  if (issues.length > 0) throw ApiError.badRequest(issues);
}

/**
 * The permissions to store. Masks given win; a module newly enabled without
 * masks of its own gets its dangerous tools masked; a module that stays
 * enabled keeps its current masks unless new ones are given.
 */
export function mergePermissions(
  catalog: ModuleCatalog,
  previous: RolePermissions,
  input: { enabled_modules: readonly string[]; tool_masks?: ToolMasks | undefined },
): RolePermissions {
  const enabled = [...new Set(input.enabled_modules)];
  const given = input.tool_masks ?? {};
  const wasEnabled = new Set(previous.enabledModules);
  const newlyEnabled = enabled.filter((module) => !wasEnabled.has(module) && !(module in given));
  const kept = Object.fromEntries(
    enabled
      .filter((module) => wasEnabled.has(module) && !(module in given) && previous.toolMasks[module])
      .map((module) => [module, previous.toolMasks[module] as string[]]),
  );
  const masks: ToolMasks = { ...dangerousMasks(catalog, newlyEnabled), ...kept };
  for (const [module, tools] of Object.entries(given)) masks[module] = [...new Set(tools)];
  return { enabledModules: enabled, toolMasks: masks };
}
