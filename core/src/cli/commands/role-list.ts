import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineAdminCommand } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';

/** `mcpist role list [--json]`: roles with their modules, masks and member count. */
export const ROLE_LIST = defineAdminCommand({
  name: 'role list',
  args: z.strictObject({ json: z.boolean() }),
  deps: { repository: Tokens.RolesRepository },
  async run({ repository }, options, context) {
    const roles = await Promise.all(
      (await repository.list()).map(async (role) => ({
        name: role.name,
        default: role.isDefault,
        modules: role.enabledModules,
        masks: role.toolMasks,
        members: (await repository.membersOf(role.id)).length,
      })),
    );
    if (options.json) {
      context.out(`${JSON.stringify(roles, null, 2)}\n`);
      return;
    }
    for (const role of roles) {
      const masked = Object.entries(role.masks).flatMap(([m, tools]) => tools.map((t) => `${m}:${t}`));
      context.out(
        `${role.name}${role.default ? ' (default)' : ''}: ${role.members} member(s); modules: ${role.modules.join(', ') || 'none'}; masked: ${masked.join(', ') || 'none'}\n`,
      );
    }
  },
});

export async function roleList(global: GlobalOptions, options: { json?: boolean }): Promise<void> {
  await runAdminCommand(global, ROLE_LIST, { json: options.json === true });
}
