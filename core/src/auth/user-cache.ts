import { ChangeCache } from '../store/change-cache.js';
import type { UserRow, UsersRepository } from '../store/repositories/users-repository.js';
import type { StoreChanges } from '../store/store-changes.js';

/** Where JWT sign-in reads a user by id. */
export interface UsersById {
  findById(id: string): Promise<UserRow | undefined>;
}

/**
 * Users by id kept in memory until any user changes (email, system role) or
 * is deleted, on any instance (DESIGN §12). Missing users are not kept.
 */
export class UserCache implements UsersById {
  private readonly cache: ChangeCache<string, UserRow | undefined>;

  constructor(
    private readonly users: UsersRepository,
    changes: StoreChanges,
  ) {
    this.cache = new ChangeCache(changes, ['users'], { keep: (user) => user !== undefined });
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.cache.get(id, () => this.users.findById(id));
  }
}
