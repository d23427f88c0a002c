import { Tokens } from '../../container/tokens.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withServices } from './with-services.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `mcpist user add EMAIL [--admin] [--name NAME]`: creates a user and allows the email to sign in. */
export async function userAdd(
  global: GlobalOptions,
  email: string,
  options: { admin?: boolean; name?: string },
): Promise<void> {
  if (!EMAIL.test(email)) throw new Error(`"${email}" is not an email address`);
  const deps = { users: Tokens.UsersRepository, allowed: Tokens.AllowedUsersRepository, roles: Tokens.RolesRepository };
  await withServices(configFor(global, { logLevel: 'warn' }), { plugins: false }, deps, async (services) => {
    const { users, allowed } = services;
    const user = await users.create({
      email,
      displayName: options.name,
      systemRole: options.admin ? 'admin' : 'user',
    });
    if (!user) throw new Error(`a user ${email} already exists`);
    await allowed.add(email);
    const roles = await services.roles.rolesOfUser(user.id);
    cliIo().stdout.write(
      `created ${user.system_role} ${user.email} (${user.id}); roles: ${roles.map((r) => r.name).join(', ') || 'none'}\n`,
    );
  });
}
