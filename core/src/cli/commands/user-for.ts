import type { UserRow, UsersRepository } from '../../store/repositories/users-repository.js';

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
