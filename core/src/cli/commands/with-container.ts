import type { DependencyContainer } from 'tsyringe';
import type { McpistConfig } from '../../config/config-schema.js';
import { type ComposeOptions, compose, disposeContainer } from '../../container/compose.js';
import { Tokens } from '../../container/tokens.js';
import type { UserRow } from '../../store/repositories/users-repository.js';

/** Runs a one-shot command against a composed hub, then releases it. */
export async function withContainer<T>(
  config: McpistConfig,
  options: ComposeOptions,
  fn: (c: DependencyContainer) => Promise<T>,
): Promise<T> {
  const c = await compose(config, { logStream: 'stderr', ...options });
  try {
    return await fn(c);
  } finally {
    await disposeContainer(c);
  }
}

/** The user named by email, or the first admin when none is named. */
export async function userFor(c: DependencyContainer, email: string | undefined): Promise<UserRow> {
  const users = c.resolve(Tokens.UsersRepository);
  if (email) {
    const user = await users.findByEmail(email);
    if (!user) throw new Error(`no user ${email}; create one with: mcpist token create --user ${email}`);
    return user;
  }
  const [admin] = await c
    .resolve(Tokens.Database)
    .query<UserRow>(
      "select id, email, display_name, system_role from public.users where system_role = 'admin' order by created_at limit 1",
    );
  if (!admin) throw new Error('no user yet; create one with: mcpist token create --user you@example.com');
  return admin;
}
