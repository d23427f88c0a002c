import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import type { ModuleCatalog } from '../../plugins/module-catalog.js';
import { checkRolePermissions, RolePermissionsError } from '../../sieve/check-role-permissions.js';
import { ROLE_NAME, type RolePermissions, type ToolMasks } from '../../store/repositories/roles-repository.js';
import { defineAdminCommand, recordCliAction } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';

export interface RoleCreateOptions {
  modules: string;
  mask?: string[];
  allowDangerous?: boolean;
  description?: string;
}

/** Parses the command line's modules and `module:tool` masks, then checks them like the admin API does. */
export function parsePermissions(catalog: ModuleCatalog, options: RoleCreateOptions): RolePermissions {
  const modules = options.modules
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  const masks: ToolMasks = {};
  for (const mask of options.mask ?? []) {
    const [module = '', tool = '', ...rest] = mask.split(':');
    if (!module || !tool || rest.length > 0) throw new Error(`--mask "${mask}": expected module:tool`);
    masks[module] = [...(masks[module] ?? []), tool];
  }
  try {
    return checkRolePermissions(catalog, { modules, masks, allowDangerous: options.allowDangerous });
  } catch (error) {
    if (error instanceof RolePermissionsError && error.field === 'masks') throw new Error(`--mask ${error.message}`);
    throw error;
  }
}

/** `mcpist role create NAME --modules a,b [--mask module:tool]... [--allow-dangerous]`. */
export const ROLE_CREATE = defineAdminCommand({
  name: 'role create',
  args: z.strictObject({
    name: z.string(),
    modules: z.string(),
    mask: z.array(z.string()).max(500).optional(),
    allowDangerous: z.boolean().optional(),
    description: z.string().max(1000).optional(),
  }),
  deps: { catalog: Tokens.ModuleCatalog, roles: Tokens.RolesRepository, audit: Tokens.AuditLogsRepository },
  // Locally, plugins load (as for serve) so modules and masks are checked against what they declare.
  plugins: true,
  async run({ catalog, roles, audit }, { name, ...options }, context) {
    if (!ROLE_NAME.test(name)) {
      throw new Error(`role name "${name}": use 1-64 letters, digits, spaces, dots, dashes or underscores`);
    }
    const permissions = parsePermissions(catalog, options);
    const role = await roles.create({ name, description: options.description ?? '', ...permissions });
    if (!role) throw new Error(`a role named "${name}" already exists`);
    await recordCliAction(audit, context, 'role_created', {
      role_id: role.id,
      name: role.name,
      enabled_modules: role.enabledModules,
      tool_masks: role.toolMasks,
    });
    const masked = Object.entries(role.toolMasks).flatMap(([m, tools]) => tools.map((t) => `${m}:${t}`));
    context.out(
      `created role ${role.name} (${role.id}); modules: ${role.enabledModules.join(', ') || 'none'}; masked: ${masked.join(', ') || 'none'}\n`,
    );
  },
});

export async function roleCreate(global: GlobalOptions, name: string, options: RoleCreateOptions): Promise<void> {
  await runAdminCommand(global, ROLE_CREATE, { name, ...options });
}
