import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeGitHub,
  GITHUB_ROUTES,
  gitHubError,
  startFakeGitHub,
} from '../../../plugins/github/test/fake-github.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

let github: FakeGitHub;
let hub: TestHub;
let client: Client;

const issue = (id: string, number: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    module: 'github',
    tool: 'get_issue',
    params: { owner: 'octo-org', repo: 'hello-world', issue_number: number },
    ...extra,
  });

type Status = { id: string; status: string; code: number | null; message: string | null };

async function batch(commands: string[]) {
  const result = await client.callTool({ name: 'batch', arguments: { commands: commands.join('\n') } });
  return result.structuredContent as { status: Status[]; results: Record<string, unknown> };
}

async function rejected(commands: string[]): Promise<McpError> {
  const error = await client.callTool({ name: 'batch', arguments: { commands: commands.join('\n') } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

beforeAll(async () => {
  github = await startFakeGitHub({ issues: 5 });
  hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url } } });
  await hub.setCredential('github', github.token);
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

beforeEach(() => {
  github.requests.length = 0;
});

describe('batch', () => {
  // The < 400 ms figure is measured by `npm run bench` on a quiet machine. Here each upstream
  // answer waits until all five requests have arrived: run one after another, the first would
  // wait forever and the test would time out.
  it('runs independent commands in parallel: all 5 upstream calls are in flight together', async () => {
    const original = github.requests;
    let inFlight = 0;
    let most = 0;
    let allArrived: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    github.route(GITHUB_ROUTES.getIssue, async (request) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      if (inFlight === 5) allArrived();
      await arrived;
      inFlight -= 1;
      const found = github.seed.issues.find((i) => i.number === Number(request.params.issue_number));
      return found ? { status: 200, json: found } : gitHubError(404, 'Not Found');
    });
    const result = await batch([1, 2, 3, 4, 5].map((n) => issue(`i${n}`, n, { output: true })));
    expect(result.status.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(Object.keys(result.results)).toHaveLength(5);
    expect(original.length).toBe(5);
    expect(most).toBe(5);
  }, 10_000);

  it.each([
    ['a cycle', [issue('a', 1, { after: ['b'] }), issue('b', 2, { after: ['a'] })]],
    ['a duplicate id', [issue('a', 1), issue('a', 2)]],
    ['an unknown dependency', [issue('a', 1), issue('b', 2, { after: ['zz'] })]],
    [
      'an unknown reference',
      [
        issue('a', 1),
        JSON.stringify({ id: 'b', module: 'github', tool: 'search_issues', params: { q: '${zz.items[0].title}' } }),
      ],
    ],
    ['too many commands', Array.from({ length: 51 }, (_, i) => issue(`c${i}`, 1))],
  ])('rejects %s before any upstream request', async (_name, commands) => {
    const error = await rejected(commands);
    expect(error.data).toMatchObject({ code: ErrorCodes.INVALID_PARAMS });
    expect(github.requests).toHaveLength(0);
  });

  it('checks permission for every line before running any (all or nothing)', async () => {
    const error = await rejected([
      issue('a', 1),
      issue('b', 2),
      JSON.stringify({ id: 'c', module: 'github', tool: 'drop_repo' }),
    ]);
    expect(error.data).toMatchObject({ code: ErrorCodes.INVALID_TOOL, tool: 'drop_repo' });
    expect(github.requests).toHaveLength(0);
  });

  it('validates static params before running any line', async () => {
    const error = await rejected([
      issue('a', 1),
      JSON.stringify({ id: 'b', module: 'github', tool: 'get_issue', params: { owner: 1 } }),
    ]);
    expect(error.data).toMatchObject({ code: ErrorCodes.INVALID_PARAMS, field: 'owner' });
    expect(github.requests).toHaveLength(0);
  });

  it('substitutes references from earlier results into later params', async () => {
    const result = await batch([
      JSON.stringify({
        id: 'found',
        module: 'github',
        tool: 'search_issues',
        params: { q: 'repo:octo-org/hello-world is:issue' },
        output: true,
      }),
      JSON.stringify({ id: 'quiet', module: 'github', tool: 'list_repos', params: {} }),
      JSON.stringify({
        id: 'copy',
        module: 'github',
        tool: 'create_issue',
        params: {
          owner: 'octo-org',
          repo: 'hello-world',
          title: 'Follow-up: ${found.items[0].title}',
          body: 'Count: ${found.items.length}',
        },
        output: true,
      }),
    ]);
    expect(result.status, JSON.stringify(result.status)).toEqual(result.status.map((s) => ({ ...s, status: 'ok' })));
    const found = result.results.found as { items: Array<{ title: string }> };
    const created = github.requests.find((r) => r.method === 'POST');
    expect(created?.body).toMatchObject({
      title: `Follow-up: ${found.items[0]?.title}`,
      body: `Count: ${found.items.length}`,
    });
    expect(result.results.copy).toMatchObject({ title: `Follow-up: ${found.items[0]?.title}` });
    expect(Object.keys(result.results).sort()).toEqual(['copy', 'found']);
  });

  it('skips the dependents of a failed command and never calls upstream for them', async () => {
    const result = await batch([
      issue('missing', 999),
      issue('after_missing', 1, { after: ['missing'] }),
      issue('chained', 2, { after: ['after_missing'] }),
      issue('independent', 3, { output: true }),
    ]);
    expect(result.status).toEqual([
      expect.objectContaining({ id: 'missing', status: 'failed', code: ErrorCodes.EXTERNAL_API_ERROR }),
      expect.objectContaining({ id: 'after_missing', status: 'skipped', message: 'dependency "missing" failed' }),
      expect.objectContaining({ id: 'chained', status: 'skipped' }),
      expect.objectContaining({ id: 'independent', status: 'ok' }),
    ]);
    expect(github.requests.map((r) => r.path).sort()).toEqual([
      '/repos/octo-org/hello-world/issues/3',
      '/repos/octo-org/hello-world/issues/999',
    ]);
  });
});
