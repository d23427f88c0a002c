import { RateLimitedError, UpstreamPermanentError, UpstreamTransientError } from '@mcpist/plugin-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RetryOptions, withRetry } from './retry-policy.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function options(overrides: Partial<RetryOptions> = {}): RetryOptions {
  return { readOnly: true, signal: new AbortController().signal, deadline: Date.now() + 10_000, ...overrides };
}

/** An attempt function failing with `failures` in turn, then answering 'ok'; records attempt times. */
function scripted(failures: Error[]) {
  const attempts: number[] = [];
  const attempt = async () => {
    attempts.push(Date.now());
    const failure = failures[attempts.length - 1];
    if (failure) throw failure;
    return 'ok';
  };
  return { attempts, attempt };
}

/** Settles `promise` while letting the fake clock run; resolves to its outcome. */
async function settle<T>(promise: Promise<T>, ms = 30_000) {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

describe('withRetry', () => {
  it('waits exactly Retry-After after a 429, then retries', async () => {
    const { attempts, attempt } = scripted([new RateLimitedError('slow down', { retryAfterMs: 2_000 })]);
    const start = Date.now();
    expect(await settle(withRetry(attempt, options()))).toEqual({ value: 'ok' });
    expect(attempts.map((at) => at - start)).toEqual([0, 2_000]);
  });

  it('backs off 1 s, 2 s without Retry-After', async () => {
    const { attempts, attempt } = scripted([new RateLimitedError('a'), new RateLimitedError('b')]);
    const start = Date.now();
    expect(await settle(withRetry(attempt, options()))).toEqual({ value: 'ok' });
    expect(attempts.map((at) => at - start)).toEqual([0, 1_000, 3_000]);
  });

  it('fails at once when Retry-After reaches past the deadline', async () => {
    const { attempts, attempt } = scripted([new RateLimitedError('slow down', { retryAfterMs: 30_000 })]);
    const outcome = await settle(withRetry(attempt, options({ deadline: Date.now() + 4_000 })), 0);
    expect(outcome).toEqual({ error: expect.any(RateLimitedError) });
    expect(attempts).toHaveLength(1);
  });

  it('gives up a read after 3 attempts of transient failures, 1 s apart', async () => {
    const { attempts, attempt } = scripted([1, 2, 3].map(() => new UpstreamTransientError('boom')));
    const start = Date.now();
    expect(await settle(withRetry(attempt, options()))).toEqual({ error: expect.any(UpstreamTransientError) });
    expect(attempts.map((at) => at - start)).toEqual([0, 1_000, 2_000]);
  });

  it.each([
    ['a write after a transient failure that may have reached the service', new UpstreamTransientError('boom'), false],
    ['a permanent failure', new UpstreamPermanentError('nope'), true],
  ])('never retries %s', async (_name, failure, readOnly) => {
    const { attempts, attempt } = scripted([failure]);
    expect(await settle(withRetry(attempt, options({ readOnly })))).toEqual({ error: failure });
    expect(attempts).toHaveLength(1);
  });

  it('retries a write refused before it reached the service', async () => {
    const { attempts, attempt } = scripted([new UpstreamTransientError('refused', { notDelivered: true })]);
    expect(await settle(withRetry(attempt, options({ readOnly: false })))).toEqual({ value: 'ok' });
    expect(attempts).toHaveLength(2);
  });

  it('stops waiting when the call is aborted', async () => {
    const controller = new AbortController();
    const { attempts, attempt } = scripted([new RateLimitedError('slow down', { retryAfterMs: 5_000 })]);
    const running = withRetry(attempt, options({ signal: controller.signal }));
    const outcome = running.then(
      () => 'resolved',
      () => 'rejected',
    );
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error('client went away'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await outcome).toBe('rejected');
    expect(attempts).toHaveLength(1);
  });
});
