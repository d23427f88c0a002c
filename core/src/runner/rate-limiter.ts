import type { RateLimitDeclaration } from '@mcpist/plugin-sdk';
import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';
import {
  type DispatchWindow,
  type LimiterClock,
  LocalDispatchWindow,
  RedisDispatchWindow,
  systemClock,
} from './dispatch-window.js';
import { LocalLimiter } from './local-limiter.js';

/**
 * Spacing between request releases for a per-second limit, with a margin
 * (10% + 10 ms) for network jitter. Releases are timers and can run late and
 * then back to back; the dispatch window (dispatch-window.ts) is what holds
 * the limit when requests are actually sent.
 */
export function spacingMs(requestsPerSecond: number): number {
  return Math.ceil((1000 / requestsPerSecond) * 1.1 + 10);
}

/** Idle limiter state expires from Redis after this long (longer than the hourly reservoir). */
const REDIS_STATE_TTL_MS = 2 * 3_600_000;

export interface LimiterPoolOptions {
  /** Share limits across instances through this Redis (bottleneck clustering). */
  redisUrl?: string | undefined;
  /** Namespaces the Redis keys, e.g. per deployment. */
  prefix?: string;
  clock?: LimiterClock;
}

/**
 * One limiter per (service, credential), built from the plugin's declared
 * limits. It wraps the fetch a handler receives, so every upstream HTTP
 * request counts — pagination included — not just tool calls. In one process
 * it is a LocalLimiter (no timers unless a limit is reached); with Redis, a
 * bottleneck limiter whose clustering makes every instance's limiter for the
 * same key share one budget.
 */
export class LimiterPool {
  private readonly limiters = new Map<string, Bottleneck>();
  private readonly local = new Map<string, LocalLimiter>();
  private readonly windows = new Map<string, DispatchWindow>();
  private readonly connection: Bottleneck.IORedisConnection | undefined;
  private readonly redis: Redis | undefined;
  private readonly prefix: string;
  private readonly clock: LimiterClock;

  constructor(
    shared?: { connection: Bottleneck.IORedisConnection; redis: Redis },
    prefix = 'mcpist',
    clock: LimiterClock = systemClock,
  ) {
    this.connection = shared?.connection;
    this.redis = shared?.redis;
    this.prefix = prefix;
    this.clock = clock;
  }

  /** A pool sharing limits through Redis when `redisUrl` is set (ioredis loads only then), else in-process. */
  static async create(options: LimiterPoolOptions = {}): Promise<LimiterPool> {
    if (!options.redisUrl) return new LimiterPool(undefined, options.prefix, options.clock);
    const { Redis } = await import('ioredis');
    const client = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
    const connection = new Bottleneck.IORedisConnection({ client, Redis });
    // A Redis outage must not crash the process; bottleneck rejects the jobs instead.
    connection.on('error', () => {});
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('cannot reach Redis at REDIS_URL within 5 s')), 5_000).unref(),
    );
    try {
      // bottleneck's typings say ready() but the connection exposes a promise property.
      await Promise.race([(connection as unknown as { ready: Promise<unknown> }).ready, timeout]);
    } catch (error) {
      await connection.disconnect(false).catch(() => {});
      throw error;
    }
    return new LimiterPool({ connection, redis: client }, options.prefix, options.clock);
  }

  get shared(): boolean {
    return this.connection !== undefined;
  }

  private limiterFor(key: string, limits: RateLimitDeclaration): Bottleneck {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new Bottleneck({
        maxConcurrent: limits.maxConcurrent ?? null,
        minTime: limits.requestsPerSecond ? spacingMs(limits.requestsPerSecond) : 0,
        ...(limits.requestsPerHour
          ? {
              reservoir: limits.requestsPerHour,
              reservoirRefreshAmount: limits.requestsPerHour,
              reservoirRefreshInterval: 3_600_000,
            }
          : {}),
        ...(this.connection
          ? {
              id: `${this.prefix}:${key}`,
              datastore: 'ioredis' as const,
              connection: this.connection,
              clearDatastore: false,
              timeout: REDIS_STATE_TTL_MS,
            }
          : {}),
      });
      limiter.on('error', () => {});
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  private windowFor(key: string, limits: RateLimitDeclaration): DispatchWindow | undefined {
    if (!limits.requestsPerSecond) return undefined;
    let window = this.windows.get(key);
    if (!window) {
      window = this.redis
        ? new RedisDispatchWindow(this.redis, `${this.prefix}:${key}:sent`, limits.requestsPerSecond, 1000, this.clock)
        : new LocalDispatchWindow(limits.requestsPerSecond, 1000, this.clock);
      this.windows.set(key, window);
    }
    return window;
  }

  /**
   * A fetch that waits its turn, and that always carries the call's abort
   * signal, so a deadline aborts the request even if a handler forgot to pass it.
   */
  wrapFetch(
    key: string,
    limits: RateLimitDeclaration,
    signal: AbortSignal,
    base: typeof globalThis.fetch = globalThis.fetch,
  ): typeof globalThis.fetch {
    if (!this.connection) {
      let local = this.local.get(key);
      if (!local) {
        local = new LocalLimiter(limits, this.clock);
        this.local.set(key, local);
      }
      const limiter = local;
      return (input, init) => {
        const combined = alongside(init?.signal, signal);
        return limiter.schedule(combined, () => base(input, { ...init, signal: combined }));
      };
    }
    const limiter = this.limiterFor(key, limits);
    const window = this.windowFor(key, limits);
    return (input, init) => {
      const combined = alongside(init?.signal, signal);
      signal.throwIfAborted();
      return limiter.schedule(async () => {
        await window?.admit(combined);
        // A request that waited past the deadline is not sent at all.
        combined.throwIfAborted();
        return base(input, { ...init, signal: combined });
      });
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.limiters.values()].map((limiter) => limiter.disconnect(false)));
    this.limiters.clear();
    this.local.clear();
    await this.connection?.disconnect(true);
  }
}

/** The call's signal, and the request's own when it is another one (an SDK usually passes the call's back). */
function alongside(own: AbortSignal | null | undefined, call: AbortSignal): AbortSignal {
  return own && own !== call ? AbortSignal.any([own, call]) : call;
}
