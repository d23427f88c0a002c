import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGitHub,
  GITHUB_ROUTES,
  gitHubError,
  startFakeGitHub,
} from '../../../plugins/github/test/fake-github.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

let github: FakeGitHub;
let hub: TestHub;
const listIssues = { owner: 'octo-org', repo: 'hello-world' };
const originalList = GITHUB_ROUTES.listIssues;

beforeAll(async () => {
  github = await startFakeGitHub({ issues: 2 });
  hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url, timeoutMs: 4_000 } } });
  await hub.setCredential('github', github.token);
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
  github.requests.length = 0;
});

/** Answers the route with `answers` in turn, then with the fake's normal answer. */
function script(routeKey: string, answers: Array<ReturnType<typeof gitHubError> | { hang: true }>): void {
  let index = 0;
  const seed = github.seed;
  github.route(routeKey, (request) => {
    const answer = answers[index];
    index += 1;
    if (answer) return answer;
    const issues = seed.issues.filter((issue) => !('pull_request' in issue));
    if (request.method === 'POST') return { status: 201, json: { ...issues[0], title: 'created' } };
    return { json: issues };
  });
  restore = () => github.route(routeKey, () => ({ json: seed.issues }));
}

async function call(tool: string, params: Record<string, unknown>) {
  const client = await hub.connect();
  const started = performance.now();
  const result = await client.callTool({ name: 'call', arguments: { module: 'github', tool, params } });
  return {
    result,
    elapsed: performance.now() - started,
    code: (result.structuredContent as { error?: { code: number } })?.error?.code,
  };
}

describe('retry', () => {
  it('waits for Retry-After on a 429 and succeeds with one retry', async () => {
    script(originalList, [gitHubError(429, 'slow down', { 'retry-after': '2' })]);
    const { result, elapsed } = await call('list_issues', listIssues);
    expect(result.isError).toBeFalsy();
    expect(github.requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(4_000);
  });

  it('never waits past the deadline for a long Retry-After', async () => {
    script(originalList, [gitHubError(429, 'slow down', { 'retry-after': '30' })]);
    const { code, elapsed } = await call('list_issues', listIssues);
    expect(code).toBe(ErrorCodes.RATE_LIMITED);
    expect(elapsed).toBeLessThan(1_000);
    expect(github.requests).toHaveLength(1);
  });

  it('gives up on a read after exactly 3 attempts of 500, with 3001', async () => {
    script(originalList, [
      gitHubError(500, 'boom'),
      gitHubError(500, 'boom'),
      gitHubError(500, 'boom'),
      gitHubError(500, 'boom'),
    ]);
    const { code } = await call('list_issues', listIssues);
    expect(code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(github.requests).toHaveLength(3);
  });

  it('never retries a 401, and answers 1003', async () => {
    script(originalList, [gitHubError(401, 'Bad credentials')]);
    const { code, result } = await call('list_issues', listIssues);
    expect(code).toBe(ErrorCodes.UNAUTHORIZED);
    expect(textOf(result)).toContain('reconnect github');
    expect(textOf(result)).toContain('npx mcpist credential set github --token -');
    expect(textOf(result)).not.toContain('admin UI');
    expect(github.requests).toHaveLength(1);
  });

  it('attempts a write that met a 500 only once', async () => {
    script(GITHUB_ROUTES.createIssue, [gitHubError(500, 'boom'), gitHubError(500, 'boom')]);
    const { code } = await call('create_issue', { ...listIssues, title: 'x' });
    expect(code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('retries a write that was refused with 429, since it never reached the service', async () => {
    script(GITHUB_ROUTES.createIssue, [gitHubError(429, 'slow down', { 'retry-after': '0' })]);
    const { result } = await call('create_issue', { ...listIssues, title: 'x' });
    expect(result.isError).toBeFalsy();
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });
});

describe('deadline', () => {
  it('aborts an upstream that never answers with 4002 naming the service, and closes the connection', async () => {
    script(originalList, [{ hang: true }]);
    const before = github.abandoned;
    const { code, elapsed, result } = await call('list_issues', listIssues);
    expect(code).toBe(ErrorCodes.TIMEOUT);
    expect(textOf(result)).toContain('github');
    expect(elapsed).toBeGreaterThanOrEqual(3_900);
    expect(elapsed).toBeLessThan(6_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(github.abandoned).toBe(before + 1);
  });
});
