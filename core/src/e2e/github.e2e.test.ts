import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeGitHub,
  GITHUB_ROUTES,
  gitHubError,
  startFakeGitHub,
} from '../../../plugins/github/test/fake-github.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The GitHub plugin end to end: a real MCPist server discovers the installed
 * plugin, the official MCP client calls it through the meta-tools, and
 * Octokit reaches a fake GitHub on loopback through the core's limiter, retry
 * and deadline, with the token stored in the broker.
 */

const SERVICE = 'github';
/** Open issues: three pages of 100. */
const ISSUES = 250;
/** Closed issues: exactly one page of 50 for the token comparison. */
const CLOSED = 50;
const CAPPED_RECORDS = 120;

let github: FakeGitHub;
let hub: TestHub;
let capped: TestHub;
let client: Client;

type Structured = Record<string, unknown> & { items?: Array<Record<string, unknown>>; error?: { code: number } };

async function call(tool: string, params: Record<string, unknown>, via: Client = client) {
  const result = await via.callTool({ name: 'call', arguments: { module: 'github', tool, params } });
  return { isError: result.isError === true, structured: result.structuredContent as Structured, text: textOf(result) };
}

/** Route counts when the test began: the fake's own counts never reset. */
let baseline = new Map<string, number>();
const countSince = (key: string) => github.count(key) - (baseline.get(key) ?? 0);

beforeAll(async () => {
  github = await startFakeGitHub({ issues: ISSUES, closedIssues: CLOSED, pullRequests: 2 });
  // A short deadline keeps the rate-limit case fast (a 30 s Retry-After cannot fit) while leaving a
  // 500 on a read room for its three attempts, about 1 s apart.
  const pluginSettings = { github: { baseUrl: github.url, timeoutMs: 15_000 } };
  [hub, capped] = await Promise.all([
    startTestHub({ pluginSettings }),
    startTestHub({ pluginSettings, runner: { maxRecords: CAPPED_RECORDS } }),
  ]);
  await hub.setCredential(SERVICE, github.token);
  await capped.setCredential(SERVICE, github.token);
  client = await hub.connect();
});

afterAll(async () => {
  await Promise.all([hub?.close(), capped?.close()]);
  await github?.close();
});

beforeEach(() => {
  github.restore();
  github.requests.length = 0;
  baseline = new Map(Object.values(GITHUB_ROUTES).map((key) => [key, github.count(key)]));
});

describe('github through a running MCPist server', () => {
  it('lists its tools in get_module_schema, with readOnly and dangerous as declared', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['github'] } });
    const schema = result.structuredContent as {
      modules: Array<{ module: string; tools: Array<{ name: string; readOnly: boolean; dangerous: boolean }> }>;
    };
    expect(schema.modules[0]?.module).toBe('github');
    const flags = Object.fromEntries(
      (schema.modules[0]?.tools ?? []).map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]),
    );
    expect(flags).toMatchObject({
      list_repos: [true, false],
      get_repo: [true, false],
      list_issues: [true, false],
      get_issue: [true, false],
      search_issues: [true, false],
      create_issue: [false, false],
      update_issue: [false, false],
      list_issue_comments: [true, false],
      add_issue_comment: [false, false],
      list_pull_requests: [true, false],
      get_pull_request: [true, false],
      get_pull_request_diff: [true, false],
      create_pull_request: [false, false],
      list_commits: [true, false],
      get_file_contents: [true, false],
      search_code: [true, false],
    });
    // Dangerous tools may be hidden by role defaults; when listed, they must say so.
    if ('merge_pull_request' in flags) expect(flags.merge_pull_request).toEqual([false, true]);
    if ('delete_repository' in flags) expect(flags.delete_repository).toEqual([false, true]);
  });

  it('runs get_pull_request (read) with the stored token and the pinned API version', async () => {
    const pull = github.seed.pulls[0];
    const result = await call('get_pull_request', {
      owner: 'octo-org',
      repo: 'hello-world',
      pull_number: pull?.number,
    });

    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({
      id: pull?.id,
      number: pull?.number,
      state: 'open',
      html_url: pull?.html_url,
      head: pull?.head.ref,
      base: 'main',
      merged: false,
      head_sha: pull?.head.sha,
    });
    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({
      method: 'GET',
      path: `/repos/octo-org/hello-world/pulls/${pull?.number}`,
    });
    expect(github.requests[0]?.headers.authorization).toBe(`token ${github.token}`);
    expect(github.requests[0]?.headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('runs update_issue (write): the fake receives a PATCH with exactly the changed fields', async () => {
    const result = await call('update_issue', {
      owner: 'octo-org',
      repo: 'hello-world',
      issue_number: 7,
      state: 'closed',
      state_reason: 'completed',
      labels: ['done'],
      format: 'json',
    });

    expect(result.isError).toBe(false);
    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'PATCH', path: '/repos/octo-org/hello-world/issues/7' });
    expect(github.requests[0]?.body).toEqual({ state: 'closed', state_reason: 'completed', labels: ['done'] });
    expect(result.structured).toMatchObject({ number: 7, state: 'closed', labels: 'done' });
    expect(github.seed.issues[6]?.state).toBe('closed');
    // Put it back, so the open-issue count of later tests holds.
    Object.assign(github.seed.issues[6] ?? {}, { state: 'open', labels: [] });
  });

  it('follows Link headers through every open issue, and stops at the record limit', async () => {
    const all = await call('list_issues', { owner: 'octo-org', repo: 'hello-world' });
    expect(all.isError).toBe(false);
    expect(all.structured.items).toHaveLength(ISSUES);
    expect(new Set(all.structured.items?.map((item) => item.number)).size).toBe(ISSUES);
    expect(github.requests.map((request) => request.query.get('page'))).toEqual([null, '2', '3']);
    expect(all.text).toMatch(
      new RegExp(`^items\\[${ISSUES}\\]\\{id,number,title,state,html_url,user,labels,comments,created_at\\}:`),
    );

    github.requests.length = 0;
    const limited = await call('list_issues', { owner: 'octo-org', repo: 'hello-world' }, await capped.connect());
    expect(limited.structured.items).toHaveLength(CAPPED_RECORDS);
    expect(github.requests.map((request) => request.query.get('page'))).toEqual([null, '2']);
  });

  it('answers a token GitHub rejects (401) with 1003, without retrying or echoing it', async () => {
    const bob = await hub.issueToken('bob@example.com');
    await hub.setCredential(SERVICE, 'ghp_revokedToken0000000000000000000000000', { userId: bob.userId });
    const result = await call(
      'get_issue',
      { owner: 'octo-org', repo: 'hello-world', issue_number: 1 },
      await hub.connect({ token: bob.token }),
    );

    expect(result.isError).toBe(true);
    expect(result.structured.error?.code).toBe(ErrorCodes.UNAUTHORIZED);
    expect(result.text).not.toContain('ghp_revokedToken');
    expect(countSince(GITHUB_ROUTES.getIssue)).toBe(1);
  });

  it('answers a missing issue (404) with 3001, without retrying', async () => {
    const result = await call('get_issue', { owner: 'octo-org', repo: 'hello-world', issue_number: 9999 });

    expect(result.isError).toBe(true);
    expect(result.structured.error?.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(countSince(GITHUB_ROUTES.getIssue)).toBe(1);
  });

  it('answers a 429 whose Retry-After outlasts the deadline with 3003 at once', async () => {
    github.route(GITHUB_ROUTES.getRepo, () => gitHubError(429, 'Too Many Requests', { 'retry-after': '30' }));
    const result = await call('get_repo', { owner: 'octo-org', repo: 'hello-world' });

    expect(result.isError).toBe(true);
    expect(result.structured.error?.code).toBe(ErrorCodes.RATE_LIMITED);
    expect(countSince(GITHUB_ROUTES.getRepo)).toBe(1);
  });

  it('waits out a short Retry-After and succeeds', async () => {
    github.route(GITHUB_ROUTES.getRepo, () => {
      github.restore(GITHUB_ROUTES.getRepo);
      return gitHubError(429, 'Too Many Requests', { 'retry-after': '1' });
    });
    const result = await call('get_repo', { owner: 'octo-org', repo: 'hello-world' });

    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({ full_name: 'octo-org/hello-world', default_branch: 'main' });
    expect(countSince(GITHUB_ROUTES.getRepo)).toBe(2);
  });

  it('answers a persistent 500 on a read with 3001 after retrying', async () => {
    github.route(GITHUB_ROUTES.getRepo, () => gitHubError(500, 'Server Error'));
    const result = await call('get_repo', { owner: 'octo-org', repo: 'hello-world' });

    expect(result.isError).toBe(true);
    expect(result.structured.error?.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    // Retried about 1 s apart within the deadline: three attempts, or two on a slow machine.
    expect(countSince(GITHUB_ROUTES.getRepo)).toBeGreaterThanOrEqual(2);
  });

  it('does not retry a 500 on a write that may have landed', async () => {
    github.route(GITHUB_ROUTES.createComment, () => gitHubError(500, 'Server Error'));
    const result = await call('add_issue_comment', {
      owner: 'octo-org',
      repo: 'hello-world',
      issue_number: 1,
      body: 'hi',
    });

    expect(result.structured.error?.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(countSince(GITHUB_ROUTES.createComment)).toBe(1);
  });

  it('renders 50 issues as TOON in at least 40% fewer tokens than GitHub’s JSON', async () => {
    const result = await call('list_issues', { owner: 'octo-org', repo: 'hello-world', state: 'closed' });
    expect(result.structured.items).toHaveLength(CLOSED);

    const answers = github.responses.filter((response) => response.key === GITHUB_ROUTES.listIssues);
    const raw = answers.at(-1)?.body ?? '';
    expect(JSON.parse(raw)).toHaveLength(CLOSED);
    expect(countSince(GITHUB_ROUTES.listIssues)).toBe(1);
    const rawTokens = encode(raw).length;
    const toonTokens = encode(result.text).length;
    const savings = 1 - toonTokens / rawTokens;
    console.info(`TOON savings github: ${Math.round(savings * 100)}% (${rawTokens} → ${toonTokens} tokens)`);
    expect(savings).toBeGreaterThanOrEqual(0.4);
  });
});
