import { Tokens } from '../../container/tokens.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withServices } from './with-services.js';

/** `mcpist role assign EMAIL ROLE`: gives a user a role (by role name). */
export async function roleAssign(global: GlobalOptions, email: string, roleName: string): Promise<void> {
  const deps = { users: Tokens.UsersRepository, roles: Tokens.RolesRepository };
  await withServices(configFor(global, { logLevel: 'warn' }), { plugins: false }, deps, async ({ users, roles }) => {
    const user = await users.findByEmail(email);
    if (!user) throw new Error(`no user ${email}; create one with: mcpist user add ${email}`);
    const role = await roles.findByName(roleName);
    if (!role) {
      const names = (await roles.list()).map((r) => r.name).join(', ') || 'none';
      throw new Error(`no role "${roleName}"; roles: ${names}`);
    }
    const added = await roles.assign(user.id, role.id);
    cliIo().stdout.write(added ? `${email} now has role ${role.name}\n` : `${email} already had role ${role.name}\n`);
  });
}
