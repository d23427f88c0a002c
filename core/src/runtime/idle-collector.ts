/**
 * Gives memory back once a busy spell is over (issue 15, ADR 0053).
 *
 * Under load V8 lets the old generation grow to a few times what is live
 * before it collects, and its memory reducer, which should shrink the heap
 * when the process goes quiet, never starts in a Node.js server: it judges
 * the allocation rate from the last collection, and a quiet process has none.
 * Measured on `mcpist serve` (PostgreSQL store): 10,000 calls left 455 MB
 * resident with 65 MB live, and it stayed there; one full collection brought
 * it back to 163 MB.
 *
 * So: every `intervalMs` the collector looks at the request count. While
 * requests keep arriving it does nothing (a collection then would pause
 * calls). Once `quietMs` passed without one, and the heap has grown by
 * `minGrowthBytes` since the last collection it ran, it runs one full
 * collection, when no caller is waiting for this process. Such a collection
 * also drops compiled code, which the next burst compiles again: `quietMs`
 * is long enough (10 s) that an agent's calls, seconds apart, do not pay
 * that over and over. Start-up's garbage goes after one quiet second.
 */
export interface IdleCollectorOptions {
  /** Requests served so far (only changes matter). */
  activity(): number;
  /** The heap's committed size now, bytes. */
  heapBytes(): number;
  /** One full garbage collection. */
  collect(): void;
  /** How often to look, ms (1 s). */
  intervalMs?: number;
  /** How long without a request before a collection, ms (10 s). */
  quietMs?: number;
  /** The same before the first collection, of start-up's garbage, ms (1 s). */
  firstQuietMs?: number;
  /** Growth since the last collection that makes one worth it, bytes (16 MiB). */
  minGrowthBytes?: number;
  /** Called after each collection, for a debug log line. */
  collected?(before: number, after: number): void;
}

export interface IdleCollector {
  /** Collections run so far. */
  readonly collections: number;
  stop(): void;
}

export function startIdleCollector(options: IdleCollectorOptions): IdleCollector {
  const intervalMs = options.intervalMs ?? 1_000;
  const quietMs = options.quietMs ?? 10_000;
  const firstQuietMs = options.firstQuietMs ?? 1_000;
  const minGrowthBytes = options.minGrowthBytes ?? 16 * 1024 * 1024;
  let lastActivity = options.activity();
  let quietFor = 0;
  // Start-up leaves garbage too: the first collection is due after `firstQuietMs` (baseline 0).
  let baseline = 0;
  let collections = 0;
  const tick = () => {
    const activity = options.activity();
    if (activity !== lastActivity) {
      lastActivity = activity;
      quietFor = 0;
      return;
    }
    quietFor += intervalMs;
    if (quietFor < (collections === 0 ? firstQuietMs : quietMs)) return;
    const before = options.heapBytes();
    if (before - baseline < minGrowthBytes) return;
    options.collect();
    collections++;
    baseline = options.heapBytes();
    options.collected?.(before, baseline);
  };
  const timer = setInterval(tick, intervalMs);
  // Never what keeps the process alive.
  timer.unref?.();
  return {
    get collections() {
      return collections;
    },
    stop: () => clearInterval(timer),
  };
}
