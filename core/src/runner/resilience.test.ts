import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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

// How long each wait lasts is retry-policy.test.ts's business (fake timers); here the real
// hub shows which failures are retried, end to end through the GitHub plugin's error mapping.
async function call(tool: string, params: Record<string, unknown>, on = hub) {
  const client = await on.connect();
  const result = await client.callTool({ name: 'call', arguments: { module: 'github', tool, params } });
  return { result, code: (result.structuredContent as { error?: { code: number } })?.error?.code };
}

describe('retry', () => {
  it('retries a 429 after Retry-After and succeeds with one retry', async () => {
    script(originalList, [gitHubError(429, 'slow down', { 'retry-after': '1' })]);
    const { result } = await call('list_issues', listIssues);
    expect(result.isError).toBeFalsy();
    expect(github.requests).toHaveLength(2);
  });

  it('never waits past the deadline for a long Retry-After', async () => {
    script(originalList, [gitHubError(429, 'slow down', { 'retry-after': '30' })]);
    const { code } = await call('list_issues', listIssues);
    expect(code).toBe(ErrorCodes.RATE_LIMITED);
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
  let short: TestHub;
  beforeAll(async () => {
    short = await startTestHub({ pluginSettings: { github: { baseUrl: github.url, timeoutMs: 500 } } });
    await short.setCredential('github', github.token);
  });
  afterAll(() => short?.close());

  // An upstream that hangs fails only by the deadline, however busy the machine is.
  it('aborts an upstream that never answers with 4002 naming the service, and closes the connection', async () => {
    script(originalList, [{ hang: true }]);
    const before = github.abandoned;
    const { code, result } = await call('list_issues', listIssues, short);
    expect(code).toBe(ErrorCodes.TIMEOUT);
    expect(textOf(result)).toContain('github');
    expect(structured(result).error?.data).toMatchObject({ timeout_ms: 500 });
    await vi.waitFor(() => expect(github.abandoned).toBe(before + 1));
  });
});

function structured(result: unknown) {
  return (result as { structuredContent: { error?: { data?: unknown } } }).structuredContent;
}
