import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineAdminCommand, recordCliAction } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `mcpist user add EMAIL [--admin] [--name NAME]`: creates a user and allows the email to sign in. */
export const USER_ADD = defineAdminCommand({
  name: 'user add',
  args: z.strictObject({ email: z.string(), admin: z.boolean(), name: z.string().optional() }),
  deps: {
    users: Tokens.UsersRepository,
    allowed: Tokens.AllowedUsersRepository,
    roles: Tokens.RolesRepository,
    audit: Tokens.AuditLogsRepository,
  },
  async run({ users, allowed, roles, audit }, { email, admin, name }, context) {
    if (!EMAIL.test(email)) throw new Error(`"${email}" is not an email address`);
    const user = await users.create({ email, displayName: name, systemRole: admin ? 'admin' : 'user' });
    if (!user) throw new Error(`a user ${email} already exists`);
    await allowed.add(email);
    await recordCliAction(audit, context, 'user_created', { target_user_id: user.id, email: user.email });
    const held = await roles.rolesOfUser(user.id);
    context.out(
      `created ${user.system_role} ${user.email} (${user.id}); roles: ${held.map((r) => r.name).join(', ') || 'none'}\n`,
    );
  },
});

export async function userAdd(
  global: GlobalOptions,
  email: string,
  options: { admin?: boolean; name?: string },
): Promise<void> {
  await runAdminCommand(global, USER_ADD, { email, admin: options.admin === true, name: options.name });
}
