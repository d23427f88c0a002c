import type { McpistConfig } from '../../config/config-schema.js';
import { type ComposeOptions, compose, disposeContainer } from '../../container/compose.js';
import { type DepRefs, type Deps, resolveDeps } from '../../container/declared-deps.js';
import type { UserRow, UsersRepository } from '../../store/repositories/users-repository.js';

/**
 * Runs a one-shot command against a composed hub, then releases it. The
 * command declares the services it needs as tokens and receives exactly
 * those; it never sees the container.
 */
export async function withServices<D extends DepRefs, T>(
  config: McpistConfig,
  options: ComposeOptions,
  deps: D,
  command: (services: Deps<D>) => Promise<T>,
): Promise<T> {
  const c = await compose(config, { logStream: 'stderr', ...options });
  try {
    return await command(resolveDeps(c, deps));
  } finally {
    await disposeContainer(c);
  }
}

/** The user named by email, or the first admin when none is named. */
export async function userFor(
  users: Pick<UsersRepository, 'findByEmail' | 'firstAdmin'>,
  email: string | undefined,
): Promise<UserRow> {
  if (email) {
    const user = await users.findByEmail(email);
    if (!user) throw new Error(`no user ${email}; create one with: mcpist token create --user ${email}`);
    return user;
  }
  const admin = await users.firstAdmin();
  if (!admin) throw new Error('no user yet; create one with: mcpist token create --user you@example.com');
  return admin;
}
