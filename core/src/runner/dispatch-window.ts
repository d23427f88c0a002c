import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The time source of the dispatch windows; tests pass a fake one. */
export interface LimiterClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * At most `limit` requests sent in any window, counted when each request is
 * about to be sent. bottleneck spaces the moments it *releases* requests, but
 * releases them with timers (and, with Redis, after a round trip): a busy
 * event loop runs a late release and the next one on time, so releases 230 ms
 * apart go out together and six requests reached the upstream within one
 * second with a limit of five. A window holds such a request back.
 */
export interface DispatchWindow {
  /** Resolves when a request may be sent now (and counts it); rejects when `signal` aborts first. */
  admit(signal: AbortSignal): Promise<void>;
}

/** The window of one process. */
export class LocalDispatchWindow implements DispatchWindow {
  private readonly sent: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: LimiterClock = systemClock,
  ) {}

  async admit(signal: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length > 0 && (this.sent[0] as number) <= now - this.windowMs) this.sent.shift();
      if (this.sent.length < this.limit) {
        this.sent.push(now);
        return;
      }
      await this.clock.sleep((this.sent[0] as number) + this.windowMs - now, signal);
    }
  }
}

/** Checks and records a send in one step; answers 0 (send) or how long to wait. */
const ADMIT = `
redis.call('zremrangebyscore', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[3]))
if redis.call('zcard', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('zadd', KEYS[1], ARGV[1], ARGV[4])
  redis.call('pexpire', KEYS[1], ARGV[3])
  return 0
end
local oldest = redis.call('zrange', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + tonumber(ARGV[3]) - tonumber(ARGV[1]))
`;

/** The window shared by every instance using the same Redis key (sends as a sorted set). */
export class RedisDispatchWindow implements DispatchWindow {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: LimiterClock = systemClock,
  ) {}

  async admit(signal: AbortSignal): Promise<void> {
    for (;;) {
      signal.throwIfAborted();
      const now = this.clock.now();
      const wait = Number(await this.redis.eval(ADMIT, 1, this.key, now, this.limit, this.windowMs, randomUUID()));
      if (wait <= 0) return;
      await this.clock.sleep(wait, signal);
    }
  }
}
