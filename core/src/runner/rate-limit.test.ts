import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { redisUnavailableReason, startTestRedis } from '../test-support/redis-server.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { type LimiterClock, LocalDispatchWindow, RedisDispatchWindow } from './dispatch-window.js';
import { LimiterPool } from './rate-limiter.js';

const params = { owner: 'octo-org', repo: 'hello-world', issue_number: 1 };

/** The most timestamps within any one-second window. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let j = i;
    while (j < sorted.length && (sorted[j] as number) - (sorted[i] as number) < 1000) j += 1;
    most = Math.max(most, j - i);
  }
  return most;
}

/** A clock that only moves when someone sleeps on it. */
function manualClock(): LimiterClock & { at: number } {
  const clock = {
    at: 0,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.at += ms;
    },
  };
  return clock;
}

describe('rate limits in one instance', () => {
  // Fake timers rather than the manual clock: the manual clock jumps when the sixth request sleeps, before the
  // first five (admitted at 0) have been sent; fake timers move only once everything due now has run.
  it('applies a per-second limit to every request of a key, counted when sent', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const pool = await LimiterPool.create();
      const sent: number[] = [];
      const base = (async () => {
        sent.push(Date.now());
        return new Response('{}');
      }) as typeof fetch;
      const fetch = pool.wrapFetch('github:alice', { requestsPerSecond: 5 }, new AbortController().signal, base);
      const all = Promise.all(Array.from({ length: 6 }, () => fetch('http://upstream.test/')));
      await vi.runAllTimersAsync();
      await all;
      expect(sent).toEqual([0, 0, 0, 0, 0, 1000]);
      await pool.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('holds an hourly budget, at most the declared requests in flight, and never sends an aborted request', async () => {
    const clock = manualClock();
    const pool = await LimiterPool.create({ clock });
    let inFlight = 0;
    let most = 0;
    const sent: number[] = [];
    const release: Array<() => void> = [];
    const base = (async () => {
      sent.push(clock.now());
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => release.push(resolve));
      inFlight -= 1;
      return new Response('{}');
    }) as typeof fetch;
    const limits = { requestsPerHour: 3, maxConcurrent: 2 };
    const fetch = pool.wrapFetch('notion:bob', limits, new AbortController().signal, base);
    const first = Array.from({ length: 3 }, () => fetch('http://upstream.test/'));
    await expect.poll(() => release.length).toBe(2);
    expect(most).toBe(2);
    release.shift()?.();
    await expect.poll(() => release.length).toBe(2);
    for (const done of release.splice(0)) done();
    await Promise.all(first);
    expect(sent).toEqual([0, 0, 0]);
    // The budget is spent: the fourth request waits for the hour to roll over.
    const fourth = fetch('http://upstream.test/');
    await expect.poll(() => release.length).toBe(1);
    expect(sent).toEqual([0, 0, 0, 3_600_000]);
    release.shift()?.();
    await fourth;
    // A request whose call was aborted before its turn is refused and never sent.
    const aborted = pool.wrapFetch('notion:bob', limits, AbortSignal.abort(new Error('deadline')), base);
    await expect(aborted('http://upstream.test/')).rejects.toThrow('deadline');
    expect(sent).toHaveLength(4);
    await pool.close();
  });

  // bottleneck releases requests 230 ms apart with timers; an event loop busy
  // until 1100 ms fires the first five together, then the sixth on time at
  // 1150. The window counts actual sends.
  it('holds a request released on time after late ones, so no second sees 6', async () => {
    const clock = manualClock();
    const window = new LocalDispatchWindow(5, 1000, clock);
    const releases = [1100, 1100, 1100, 1100, 1100, 1150, 1380, 1610, 1840, 2300];
    const sent: number[] = [];
    for (const release of releases) {
      clock.at = Math.max(clock.at, release);
      await window.admit(new AbortController().signal);
      sent.push(clock.at);
    }
    expect(busiestSecond(sent)).toBe(5);
    expect(sent.slice(0, 5)).toEqual(releases.slice(0, 5)); // five in a second may go at once
    expect(sent.slice(5, 7)).toEqual([2100, 2100]); // held until the first five are a second old
  });

  it('gives up waiting when the call is aborted', async () => {
    const window = new LocalDispatchWindow(1, 1000, {
      now: () => 0,
      sleep: (_ms, signal) => Promise.reject(signal.reason),
    });
    await window.admit(new AbortController().signal);
    await expect(window.admit(AbortSignal.abort(new Error('deadline')))).rejects.toThrow('deadline');
  });
});

/** Counts how many get_issue requests the fake is serving at once (each held until the next tick). */
function recordConcurrency(github: FakeGitHub): { most: number; served: number } {
  const seen = { most: 0, served: 0 };
  let inFlight = 0;
  const issue = github.seed.issues[0];
  github.route(GITHUB_ROUTES.getIssue, async () => {
    inFlight += 1;
    seen.most = Math.max(seen.most, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    seen.served += 1;
    return { json: issue };
  });
  return seen;
}

async function fire(hub: TestHub, count: number) {
  const client = await hub.connect();
  return Promise.all(
    Array.from({ length: count }, () =>
      client.callTool({ name: 'call', arguments: { module: 'github', tool: 'get_issue', params } }),
    ),
  );
}

describe('rate limits declared by a plugin', () => {
  let github: FakeGitHub;
  let hub: TestHub;

  beforeAll(async () => {
    github = await startFakeGitHub({ issues: 1 });
    hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url, rateLimits: { maxConcurrent: 1 } } } });
    await hub.setCredential('github', github.token);
  });

  afterAll(async () => {
    await hub?.close();
    await github?.close();
  });

  it('apply to every upstream request of the hub: one at a time when 10 calls fire at once', async () => {
    const seen = recordConcurrency(github);
    const results = await fire(hub, 10);
    expect(results.every((result) => !result.isError)).toBe(true);
    expect(seen).toEqual({ most: 1, served: 10 });
  });
});

const noRedis = redisUnavailableReason();

describe.skipIf(noRedis !== undefined)('the dispatch window shared through Redis', () => {
  it('holds the limit across two instances whose releases bunch', async () => {
    const redis = await startTestRedis();
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    try {
      const clock = manualClock();
      const instances = [1, 2].map(() => new RedisDispatchWindow(client, 'test:github:alice:sent', 5, 1000, clock));
      const sent: number[] = [];
      for (const [index, release] of [1100, 1100, 1100, 1100, 1100, 1150, 1380, 1610].entries()) {
        clock.at = Math.max(clock.at, release);
        await instances[index % 2]?.admit(new AbortController().signal);
        sent.push(clock.at);
      }
      expect(sent).toEqual([1100, 1100, 1100, 1100, 1100, 2100, 2100, 2100]);
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});

const missing = noRedis ?? postgresUnavailableReason();
if (missing) console.warn(`skipping the shared rate limit test: ${missing}`);

describe.skipIf(missing !== undefined)('rate limits across two instances sharing Redis', () => {
  let github: FakeGitHub;
  let postgres: TestPostgres;
  let redis: { url: string; stop(): Promise<void> };
  let one: TestHub;
  let two: TestHub;

  beforeAll(async () => {
    github = await startFakeGitHub({ issues: 1 });
    [postgres, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database mcpist_limits');
    await admin.end();
    const config = {
      databaseUrl: postgres.url.replace(/\/postgres$/, '/mcpist_limits'),
      redisUrl: redis.url,
      keyFile: join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json'),
      pluginSettings: { github: { baseUrl: github.url, rateLimits: { maxConcurrent: 1 } } },
    };
    one = await startTestHub(config);
    two = await startTestHub(config);
    await one.setCredential('github', github.token);
  }, 60_000);

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await Promise.all([postgres?.stop(), redis?.stop(), github?.close()]);
  });

  // Without the shared state each instance would send one request at a time: two in flight.
  it('share one budget for the same credential: one request in flight across both', async () => {
    const seen = recordConcurrency(github);
    const results = await Promise.all([fire(one, 8), fire(two, 8)]);
    expect(results.flat().every((result) => !result.isError)).toBe(true);
    expect(seen).toEqual({ most: 1, served: 16 });
  }, 40_000);
});
