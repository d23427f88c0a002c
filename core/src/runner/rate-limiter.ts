import type { RateLimitDeclaration } from '@mcpist/plugin-sdk';
import Bottleneck from 'bottleneck';

/**
 * One bottleneck limiter per (service, credential), built from the plugin's
 * declared limits. It wraps the fetch a handler receives, so every upstream
 * HTTP request counts — pagination included — not just tool calls.
 */
export class LimiterPool {
  private readonly limiters = new Map<string, Bottleneck>();

  limiterFor(key: string, limits: RateLimitDeclaration): Bottleneck {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new Bottleneck({
        maxConcurrent: limits.maxConcurrent ?? null,
        minTime: limits.requestsPerSecond ? Math.ceil(1000 / limits.requestsPerSecond) : 0,
        ...(limits.requestsPerHour
          ? {
              reservoir: limits.requestsPerHour,
              reservoirRefreshAmount: limits.requestsPerHour,
              reservoirRefreshInterval: 3_600_000,
            }
          : {}),
      });
      this.limiters.set(key, limiter);
    }
    return limiter;
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
    const limiter = this.limiterFor(key, limits);
    return (input, init) => {
      const combined = init?.signal ? AbortSignal.any([init.signal, signal]) : signal;
      signal.throwIfAborted();
      return limiter.schedule(() => base(input, { ...init, signal: combined }));
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.limiters.values()].map((limiter) => limiter.disconnect()));
    this.limiters.clear();
  }
}
