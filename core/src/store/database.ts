/** Runs SQL with `$1`-style parameters; both PGlite and node-postgres fit it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * The store seam: the embedded PGlite database and a PostgreSQL server both
 * implement it, so nothing above the store knows which one runs.
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Hears `NOTIFY <channel>` payloads sent by committed transactions (of any
   * instance sharing the database). `lost` means notifications may have been
   * missed until `restored` (PostgreSQL reconnecting); PGlite never loses them.
   * Resolves to a function that stops listening.
   */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** What `Database.listen` calls. */
export interface NotificationHandlers {
  notify(payload: string): void;
  lost?(): void;
  restored?(): void;
}
