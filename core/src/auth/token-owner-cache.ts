import { ChangeCache } from '../store/change-cache.js';
import type { ApiTokenOwner, ApiTokensRepository } from '../store/repositories/api-tokens-repository.js';
import type { StoreChanges } from '../store/store-changes.js';

/** Where the authenticator looks API tokens up, and records their use. */
export interface TokenOwners {
  findOwner(tokenHash: string): Promise<ApiTokenOwner | undefined>;
  touch(tokenId: string): Promise<void>;
}

/**
 * API-token owners kept in memory (DESIGN §12): a token's owner is read once,
 * then served from memory until a token is revoked or deleted or a user
 * changes or is deleted — on any instance sharing the database. Unknown
 * tokens are never kept, so guessing fills nothing.
 */
export class TokenOwnerCache implements TokenOwners {
  private readonly cache: ChangeCache<string, ApiTokenOwner | undefined>;

  constructor(
    private readonly tokens: ApiTokensRepository,
    changes: StoreChanges,
  ) {
    this.cache = new ChangeCache(changes, ['api_tokens', 'users'], { keep: (owner) => owner !== undefined });
  }

  findOwner(tokenHash: string): Promise<ApiTokenOwner | undefined> {
    return this.cache.get(tokenHash, () => this.tokens.findOwner(tokenHash));
  }

  touch(tokenId: string): Promise<void> {
    return this.tokens.touch(tokenId);
  }
}
