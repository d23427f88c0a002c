import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../../plugins/github/test/fake-github.js';
import { Tokens } from '../../container/tokens.js';
import { apiClient } from '../../test-support/api-client.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

// "Recent calls" on the user dashboard and the /logs filters: both read the
// audit log, where the runner writes every finished call (ADR 0047).
let github: FakeGitHub;
let hub: TestHub;
let bob: { token: string; userId: string };
const repo = { owner: 'octo-org', repo: 'hello-world' };

interface Call {
  module: string;
  tool: string;
  ok: boolean;
  error_code: string | null;
  duration_ms: number | null;
  occurred_at: string;
}

beforeAll(async () => {
  github = await startFakeGitHub({ issues: 2 });
  hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url } } });
  bob = await hub.issueToken('bob@example.com');
  await hub.grant(bob.userId, { modules: ['github'] });
  await hub.setCredential('github', github.token, { userId: bob.userId });
  const client = await hub.connect({ token: bob.token });
  expect(
    (await client.callTool({ name: 'call', arguments: { module: 'github', tool: 'list_issues', params: repo } }))
      .isError,
  ).toBeFalsy();
  const failed = await client.callTool({
    name: 'call',
    arguments: { module: 'github', tool: 'get_issue', params: { ...repo, issue_number: 999 } },
  });
  expect(failed.isError).toBe(true);
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

describe('GET /api/profile/calls', () => {
  it('gives a user their own calls, newest first, with outcome and duration', async () => {
    const asBob = apiClient(hub.url, bob.token);
    await expect.poll(async () => ((await asBob('get', '/profile/calls')).body.calls as Call[]).length).toBe(2);
    const calls = (await asBob('get', '/profile/calls')).body.calls as Call[];
    expect(calls.map((c) => [c.module, c.tool, c.ok])).toEqual([
      ['github', 'get_issue', false],
      ['github', 'list_issues', true],
    ]);
    expect(calls[0]?.error_code).toMatch(/^\d+$/);
    expect(calls[1]?.error_code).toBeNull();
    expect(typeof calls[1]?.duration_ms).toBe('number');
  });

  it('shows another user none of them', async () => {
    const carol = await hub.issueToken('carol@example.com');
    expect((await apiClient(hub.url, carol.token)('get', '/profile/calls')).body.calls).toEqual([]);
  });

  it('refuses a user asking for someone else’s calls, and lets an admin look', async () => {
    const carol = await hub.issueToken('carol2@example.com');
    const refused = await apiClient(hub.url, carol.token)('get', `/profile/calls?user_id=${bob.userId}`);
    expect(refused.status).toBe(403);
    const admin = await apiClient(hub.url, hub.token)('get', `/profile/calls?user_id=${bob.userId}`);
    expect(admin.status).toBe(200);
    expect((admin.body.calls as Call[]).length).toBe(2);
  });
});

describe('GET /api/logs filters', () => {
  const admin = () => apiClient(hub.url, hub.token);

  it('filters by module, event and user', async () => {
    await expect
      .poll(
        async () => ((await admin()('get', '/logs?module=github&event=tool_called')).body.entries as unknown[]).length,
      )
      .toBe(2);
    const { entries } = (await admin()('get', `/logs?module=github&user_id=${bob.userId}`)).body as {
      entries: Array<{ module: string; user_id: string }>;
    };
    expect(entries.every((e) => e.module === 'github' && e.user_id === bob.userId)).toBe(true);
    expect((await admin()('get', '/logs?module=notion')).body.entries).toEqual([]);
  });

  it('filters by time: since is inclusive, until exclusive', async () => {
    const all = (await admin()('get', '/logs?event=tool_called')).body.entries as Array<{ occurred_at: string }>;
    const newest = all[0]?.occurred_at as string;
    const after = new Date(Date.parse(newest) + 1).toISOString();
    expect((await admin()('get', `/logs?event=tool_called&since=${after}`)).body.entries).toEqual([]);
    const upToNewest = (await admin()('get', `/logs?event=tool_called&until=${encodeURIComponent(after)}`)).body
      .entries as unknown[];
    expect(upToNewest.length).toBe(all.length);
    const none = (
      await admin()('get', `/logs?event=tool_called&until=${encodeURIComponent(all.at(-1)?.occurred_at as string)}`)
    ).body.entries as unknown[];
    expect(none).toEqual([]);
  });

  it.each([
    ['a bad module name', 'module=GitHub!'],
    ['a date that is not one', 'since=yesterday'],
    ['until before since', 'since=2026-12-02T10:00:00Z&until=2026-12-02T09:00:00Z'],
  ])('refuses %s with 400', async (_case, query) => {
    const answer = await admin()('get', `/logs?${query}`);
    expect(answer.status).toBe(400);
  });
});

describe('the call log’s batches', () => {
  it('skips the calls of a user deleted before the batch is written, and writes the rest', async () => {
    const log = hub.server.container.resolve(Tokens.CallLog);
    const gone = await hub.issueToken('gone@example.com');
    log.note({ userId: gone.userId, module: 'github', tool: 'list_issues', requestId: 'r1', ok: true, durationMs: 5 });
    log.note({
      userId: bob.userId,
      module: 'github',
      tool: 'get_issue',
      requestId: 'r2',
      ok: false,
      errorCode: 3001,
      durationMs: 7.4,
    });
    expect(await hub.server.container.resolve(Tokens.UsersRepository).delete(gone.userId)).toBe(true);
    await log.flush();
    const calls = (await apiClient(hub.url, bob.token)('get', '/profile/calls')).body.calls as Call[];
    expect(calls[0]).toMatchObject({ tool: 'get_issue', ok: false, error_code: '3001', duration_ms: 7 });
    const gones = (await apiClient(hub.url, hub.token)('get', '/logs?event=tool_called&module=github')).body
      .entries as Array<{ user_id: string | null; tool: string }>;
    expect(gones.filter((entry) => entry.user_id === null)).toEqual([]);
  });
});
