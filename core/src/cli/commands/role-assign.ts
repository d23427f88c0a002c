import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineAdminCommand, recordCliAction } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';

/** `mcpist role assign EMAIL ROLE`: gives a user a role (by role name). */
export const ROLE_ASSIGN = defineAdminCommand({
  name: 'role assign',
  args: z.strictObject({ email: z.string(), role: z.string() }),
  deps: { users: Tokens.UsersRepository, roles: Tokens.RolesRepository, audit: Tokens.AuditLogsRepository },
  async run({ users, roles, audit }, { email, role: roleName }, context) {
    const user = await users.findByEmail(email);
    if (!user) throw new Error(`no user ${email}; create one with: mcpist user add ${email}`);
    const role = await roles.findByName(roleName);
    if (!role) {
      const names = (await roles.list()).map((r) => r.name).join(', ') || 'none';
      throw new Error(`no role "${roleName}"; roles: ${names}`);
    }
    const added = await roles.assign(user.id, role.id);
    if (added) {
      const held = await roles.rolesOfUser(user.id);
      await recordCliAction(audit, context, 'user_roles_assigned', {
        target_user_id: user.id,
        roles: held.map((r) => r.name),
      });
    }
    context.out(added ? `${email} now has role ${role.name}\n` : `${email} already had role ${role.name}\n`);
  },
});

export async function roleAssign(global: GlobalOptions, email: string, roleName: string): Promise<void> {
  await runAdminCommand(global, ROLE_ASSIGN, { email, role: roleName });
}
