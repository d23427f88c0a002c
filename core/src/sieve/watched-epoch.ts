import { ChangeCache } from '../store/change-cache.js';
import type { StoreChanges } from '../store/store-changes.js';

/**
 * The permission epoch without a store round trip per request (DESIGN §12):
 * read once, then again only after the database announces that it moved
 * (roles, assignments, permissions, module statuses or system roles changed,
 * on any instance). The sieve keys its views on it as before.
 */
export class WatchedEpoch {
  private readonly cache: ChangeCache<'epoch', string>;

  constructor(
    private readonly epoch: { current(): Promise<string> },
    changes: StoreChanges,
  ) {
    this.cache = new ChangeCache(changes, ['permission_epoch']);
  }

  current(): Promise<string> {
    return this.cache.get('epoch', () => this.epoch.current());
  }
}
