import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { redisUnavailableReason, startTestRedis } from '../test-support/redis-server.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const LIMIT = { requestsPerSecond: 5 };
const params = { owner: 'octo-org', repo: 'hello-world', issue_number: 1 };

/** Records when each get_issue request reaches the fake. */
function recordArrivals(github: FakeGitHub): number[] {
  const arrivals: number[] = [];
  const issue = github.seed.issues[0];
  github.route(GITHUB_ROUTES.getIssue, () => {
    arrivals.push(performance.now());
    return { json: issue };
  });
  return arrivals;
}

/** The most requests that arrived within any one-second window. */
function busiestSecond(arrivals: number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let j = i;
    while (j < sorted.length && (sorted[j] as number) - (sorted[i] as number) < 1000) j += 1;
    most = Math.max(most, j - i);
  }
  return most;
}

async function fire(hub: TestHub, count: number) {
  const client = await hub.connect();
  return Promise.all(
    Array.from({ length: count }, () =>
      client.callTool({ name: 'call', arguments: { module: 'github', tool: 'get_issue', params } }),
    ),
  );
}

describe('rate limits in one instance', () => {
  let github: FakeGitHub;
  let hub: TestHub;

  beforeAll(async () => {
    github = await startFakeGitHub({ issues: 1 });
    hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url, rateLimits: LIMIT } } });
    await hub.setCredential('github', github.token);
  });

  afterAll(async () => {
    await hub?.close();
    await github?.close();
  });

  it('lets no more than 5 requests a second reach the upstream when 50 calls fire at once', async () => {
    const arrivals = recordArrivals(github);
    const results = await fire(hub, 50);
    expect(results.every((result) => !result.isError)).toBe(true);
    expect(arrivals).toHaveLength(50);
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(5);
  }, 30_000);
});

const missing = redisUnavailableReason() ?? postgresUnavailableReason();
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
      pluginSettings: { github: { baseUrl: github.url, rateLimits: LIMIT } },
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

  it('holds the limit for the same credential across both instances', async () => {
    const arrivals = recordArrivals(github);
    const results = await Promise.all([fire(one, 25), fire(two, 25)]);
    expect(results.flat().every((result) => !result.isError)).toBe(true);
    expect(arrivals).toHaveLength(50);
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(5);
  }, 40_000);
});
