import { Tokens } from '../../container/tokens.js';
import type { ModuleCatalog } from '../../plugins/module-catalog.js';
import { dangerousMasks, mergeMasks } from '../../sieve/default-masks.js';
import type { ToolMasks } from '../../store/repositories/roles-repository.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withContainer } from './with-container.js';

/** The names the roles table accepts. */
export const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export interface RoleCreateOptions {
  modules: string;
  mask?: string[];
  allowDangerous?: boolean;
  description?: string;
}

/** Checks modules and masks against the loaded plugins; throws naming the first bad one. */
export function parsePermissions(
  catalog: ModuleCatalog,
  options: RoleCreateOptions,
): { enabledModules: string[]; toolMasks: ToolMasks } {
  const enabledModules = [
    ...new Set(
      options.modules
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  ];
  const loaded = [...catalog.modules.keys()].join(', ') || 'none';
  for (const module of enabledModules) {
    if (!catalog.modules.has(module)) throw new Error(`unknown module "${module}"; loaded modules: ${loaded}`);
  }
  const masks: ToolMasks = {};
  for (const mask of options.mask ?? []) {
    const [module = '', tool = '', ...rest] = mask.split(':');
    if (!module || !tool || rest.length > 0) throw new Error(`--mask "${mask}": expected module:tool`);
    if (!enabledModules.includes(module)) throw new Error(`--mask "${mask}": module "${module}" is not in --modules`);
    if (!catalog.tool(module, tool)) throw new Error(`--mask "${mask}": module "${module}" has no tool "${tool}"`);
    masks[module] = [...(masks[module] ?? []), tool];
  }
  const defaults = options.allowDangerous ? {} : dangerousMasks(catalog, enabledModules);
  return { enabledModules, toolMasks: mergeMasks(masks, defaults) };
}

/** `mcpist role create NAME --modules a,b [--mask module:tool]... [--allow-dangerous]`. */
export async function roleCreate(global: GlobalOptions, name: string, options: RoleCreateOptions): Promise<void> {
  if (!ROLE_NAME.test(name)) {
    throw new Error(`role name "${name}": use 1-64 letters, digits, spaces, dots, dashes or underscores`);
  }
  await withContainer(configFor(global, { logLevel: 'warn' }), {}, async (c) => {
    const permissions = parsePermissions(c.resolve(Tokens.ModuleCatalog), options);
    const role = await c
      .resolve(Tokens.RolesRepository)
      .create({ name, description: options.description ?? '', ...permissions });
    if (!role) throw new Error(`a role named "${name}" already exists`);
    const masked = Object.entries(role.toolMasks).flatMap(([m, tools]) => tools.map((t) => `${m}:${t}`));
    process.stdout.write(
      `created role ${role.name} (${role.id}); modules: ${role.enabledModules.join(', ') || 'none'}; masked: ${masked.join(', ') || 'none'}\n`,
    );
  });
}
