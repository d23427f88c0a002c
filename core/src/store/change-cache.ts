import type { ChangedTable, StoreChanges } from './store-changes.js';

/**
 * Values read from the store, kept in memory until one of `tables` changes
 * (DESIGN §12). A lookup in flight is shared by concurrent callers and is
 * dropped by a change like any entry, so a value read before a change is
 * never served after it. While `changes` is not live every lookup reads
 * through. Holds at most `maxEntries`; the oldest entry goes first.
 */
export class ChangeCache<K, V> {
  private readonly entries = new Map<K, Promise<V>>();

  constructor(
    private readonly changes: StoreChanges,
    tables: readonly ChangedTable[],
    private readonly options: {
      maxEntries?: number;
      /** Keep this value? Unknown API tokens are not cached, for instance. Everything by default. */
      keep?: (value: V) => boolean;
    } = {},
  ) {
    changes.on(tables, () => this.entries.clear());
  }

  get(key: K, load: () => Promise<V>): Promise<V> {
    if (!this.changes.live) return load();
    const cached = this.entries.get(key);
    if (cached) return cached;
    const loading = load();
    if (this.entries.size >= (this.options.maxEntries ?? 10_000)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, loading);
    const forget = () => {
      if (this.entries.get(key) === loading) this.entries.delete(key);
    };
    loading.then((value) => {
      if (this.options.keep && !this.options.keep(value)) forget();
    }, forget);
    return loading;
  }

  /** Drops every entry (after this instance changed something the triggers do not announce). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
