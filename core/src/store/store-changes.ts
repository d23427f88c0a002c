import { randomUUID } from 'node:crypto';
import type { Database } from './database.js';

/** The channel the change-notification triggers NOTIFY on (migration 20261206000000). */
export const CHANGES_CHANNEL = 'mcpist_changes';

/** Tables whose committed changes are announced, as the triggers name them. */
export type ChangedTable = 'api_tokens' | 'users' | 'permission_epoch' | 'credentials';

type Listener = () => void;

/**
 * Tells in-process caches that the store changed (DESIGN §12, ADR 0028): the
 * database NOTIFYs the changed table's name after each commit that touches
 * what a request reads, and every instance sharing the database hears it —
 * PGlite before the changing query resolves, PostgreSQL over a LISTEN
 * connection. While that connection is down, `live` is false: caches must
 * read through, and they are emptied when it is back.
 */
export class StoreChanges {
  private readonly listeners = new Map<ChangedTable, Set<Listener>>();
  private readonly everyChange = new Set<Listener>();
  private connected = true;

  private constructor(private stop: () => Promise<void> = async () => {}) {}

  /**
   * Starts listening on `db`, then checks that a notification sent through
   * the pool comes back (a pooler in transaction mode drops LISTEN): if none
   * arrives within `probeMs`, the changes are not `live` and every cache reads
   * through, rather than serving what may have changed.
   */
  static async watch(db: Database, probeMs = 5_000): Promise<StoreChanges> {
    const changes = new StoreChanges();
    const probe = `probe:${randomUUID()}`;
    let heard: () => void = () => {};
    const probed = new Promise<boolean>((resolve) => {
      heard = () => resolve(true);
      setTimeout(() => resolve(false), probeMs).unref();
    });
    changes.stop = await db.listen(CHANGES_CHANNEL, {
      notify: (table) => (table === probe ? heard() : changes.announce(table)),
      lost: () => {
        changes.connected = false;
        changes.announceAll();
      },
      restored: () => {
        changes.connected = true;
        changes.announceAll();
      },
    });
    await db.query('select pg_notify($1, $2)', [CHANGES_CHANNEL, probe]);
    changes.connected = await probed;
    changes.probeFailed = !changes.connected;
    return changes;
  }

  /** True when the start-up probe never came back: the store does not deliver notifications (a transaction pooler). */
  probeFailed = false;

  /** Never hears anything: every cache reads through (tests of parts without a store). */
  static none(): StoreChanges {
    const changes = new StoreChanges();
    changes.connected = false;
    return changes;
  }

  /** True while every change is heard; caches may answer from memory only then. */
  get live(): boolean {
    return this.connected;
  }

  /** Calls `listener` after each announced change to one of `tables`. */
  on(tables: readonly ChangedTable[], listener: Listener): () => void {
    for (const table of tables) {
      let set = this.listeners.get(table);
      if (!set) {
        set = new Set();
        this.listeners.set(table, set);
      }
      set.add(listener);
    }
    return () => {
      for (const table of tables) this.listeners.get(table)?.delete(listener);
    };
  }

  /** Resolves after the next announced change of any table (tests wait for another instance's change with it). */
  next(): Promise<void> {
    return new Promise((resolve) => {
      const once = () => {
        this.everyChange.delete(once);
        resolve();
      };
      this.everyChange.add(once);
    });
  }

  async close(): Promise<void> {
    this.connected = false;
    await this.stop();
  }

  private announce(table: string): void {
    for (const listener of this.listeners.get(table as ChangedTable) ?? []) listener();
    for (const listener of [...this.everyChange]) listener();
  }

  private announceAll(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener();
    for (const listener of [...this.everyChange]) listener();
  }
}
