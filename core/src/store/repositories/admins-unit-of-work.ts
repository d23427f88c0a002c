import type { Database, Queryable } from '../database.js';
import { AuthAccountsRepository } from './auth-accounts-repository.js';
import { UsersRepository } from './users-repository.js';

/**
 * Serializes every change to who is admin: the first-admin sign-in and the
 * demotion or deletion of an admin, so no two requests can both conclude the
 * other admin remains.
 */
const ADMINS_LOCK = 'mcpist.admins';

/** The repositories a change to who is admin may use, bound to its transaction. */
export interface AdminsTransaction {
  users: UsersRepository;
  accounts: AuthAccountsRepository;
}

/**
 * Changes to who is admin, each in one transaction under a lock every
 * instance sharing the database takes, so they apply one at a time.
 */
export class AdminsUnitOfWork {
  constructor(private readonly db: Database) {}

  /** Runs `work` in a transaction holding the admins lock. */
  run<T>(work: (tx: AdminsTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx: Queryable) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [ADMINS_LOCK]);
      return work({ users: new UsersRepository(tx), accounts: new AuthAccountsRepository(tx) });
    });
  }

  /**
   * Runs `change` (a demotion or deletion of `userId`) under the lock, unless
   * the user is the last admin: then 'last_admin' and nothing changes.
   */
  keepingAnAdmin<T>(userId: string, change: (users: UsersRepository) => Promise<T>): Promise<T | 'last_admin'> {
    return this.run(async ({ users }) => {
      const user = await users.findById(userId);
      if (user?.system_role === 'admin' && (await users.countAdmins()) <= 1) return 'last_admin' as const;
      return change(users);
    });
  }
}
