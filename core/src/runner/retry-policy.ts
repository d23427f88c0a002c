import { isPluginError, type PluginError } from '@mcpist/plugin-sdk';
import pRetry, { AbortError } from 'p-retry';

export interface RetryOptions {
  /** Read-only tools may be retried after a failure that may have reached the service. */
  readOnly: boolean;
  /** The call's deadline signal; no wait outlasts it. */
  signal: AbortSignal;
  /** Absolute deadline (ms since epoch). */
  deadline: number;
  /** Attempts in all, including the first. */
  maxAttempts?: number;
  /** Wait between transient failures. */
  transientDelayMs?: number;
  /** Longest `Retry-After` honoured. */
  maxRetryAfterMs?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** How long to wait before retrying `error`, or undefined when it must not be retried. */
export function retryDelay(error: unknown, attempt: number, options: RetryOptions): number | undefined {
  if (!isPluginError(error)) return undefined;
  const failure = error as PluginError & { retryAfterMs?: number };
  if (failure.kind === 'rate_limited') {
    const backoff = 1000 * 2 ** (attempt - 1);
    return Math.min(failure.retryAfterMs ?? backoff, options.maxRetryAfterMs ?? 30_000);
  }
  if (failure.kind === 'upstream_transient' && (options.readOnly || failure.notDelivered)) {
    return options.transientDelayMs ?? 1000;
  }
  return undefined;
}

/**
 * Runs `attempt` with p-retry: rate limits wait for `Retry-After`, transient
 * failures retry about 1 s apart, everything else fails at once. A write is
 * retried only when the request provably did not reach the service. No wait
 * runs past the deadline.
 */
export function withRetry<T>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 3;
  return pRetry(
    async (attemptNumber) => {
      try {
        return await attempt(attemptNumber);
      } catch (error) {
        if (options.signal.aborted) throw new AbortError(error as Error);
        throw error;
      }
    },
    {
      retries: maxAttempts - 1,
      minTimeout: 0,
      signal: options.signal,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft === 0) return;
        const delay = retryDelay(error, attemptNumber, options);
        if (delay === undefined || Date.now() + delay >= options.deadline) throw error;
        await sleep(delay, options.signal);
      },
      shouldRetry: () => true,
    },
  );
}
