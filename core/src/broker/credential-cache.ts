import { ChangeCache } from '../store/change-cache.js';
import type { CredentialRow, CredentialsRepository } from '../store/repositories/credentials-repository.js';
import type { StoreChanges } from '../store/store-changes.js';

/** Where the broker finds a user's credential for a service. */
export interface CredentialLookup {
  findForUser(userId: string, service: string): Promise<CredentialRow | undefined>;
}

/**
 * A user's credential row per service kept in memory, still sealed: the
 * broker decrypts it for each call, as before (DESIGN §6, §12). Dropped when
 * any credential changes, or roles or assignments move (shared credentials
 * follow roles), or a user changes — on any instance sharing the database.
 * "Not connected" is kept too, until a credential is stored.
 */
export class CredentialCache implements CredentialLookup {
  private readonly cache: ChangeCache<string, CredentialRow | undefined>;

  constructor(
    private readonly credentials: CredentialsRepository,
    changes: StoreChanges,
  ) {
    this.cache = new ChangeCache(changes, ['credentials', 'permission_epoch', 'users']);
  }

  findForUser(userId: string, service: string): Promise<CredentialRow | undefined> {
    return this.cache.get(`${userId}\n${service}`, () => this.credentials.findForUser(userId, service));
  }
}
