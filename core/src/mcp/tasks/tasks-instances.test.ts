import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../../../plugins/github/test/fake-github.js';
import { holdRoute } from '../../test-support/held-upstream.js';
import { modernRpc } from '../../test-support/modern-rpc.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../../test-support/postgres-server.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

const unavailable = postgresUnavailableReason();
if (unavailable) console.warn(`skipping tasks across instances: ${unavailable}`);

const OWNER = 'octo-org';
const REPO = 'hello-world';
/** Three "2-second commands": GitHub holds each answer until the test releases it. */
const threeCommands = [1, 2, 3]
  .map((n) =>
    JSON.stringify({
      id: `i${n}`,
      module: 'github',
      tool: 'get_issue',
      params: { owner: OWNER, repo: REPO, issue_number: n },
      output: true,
    }),
  )
  .join('\n');

/**
 * Issue 14's acceptance: two instances sharing PostgreSQL. A batch of three
 * slow commands runs as a task on one; its client goes away and, connected
 * to the other instance, gets the result. Cancelling another such task on
 * the other instance aborts its upstream requests where they run.
 */
describe.skipIf(unavailable !== undefined)('tasks across two instances sharing PostgreSQL', () => {
  let postgres: TestPostgres;
  let github: FakeGitHub;
  let a: TestHub;
  let b: TestHub;

  beforeAll(async () => {
    [postgres, github] = await Promise.all([startTestPostgres(), startFakeGitHub({ issues: 3 })]);
    const config = {
      databaseUrl: postgres.url,
      keyFile: join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json'),
      pluginSettings: { github: { baseUrl: github.url } },
    };
    a = await startTestHub(config);
    b = await startTestHub(config);
    await a.setCredential('github', github.token);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([github?.close(), postgres?.stop()]);
  });

  it('a client that left the first instance gets the batch result from the second (2026-07-28)', async () => {
    const held = holdRoute(github, GITHUB_ROUTES.getIssue, (request) => ({
      json: github.seed.issues[Number(request.params.issue_number) - 1],
    }));
    try {
      const onA = modernRpc(a.url, a.token);
      const created = await onA('tools/call', { name: 'batch', arguments: { commands: threeCommands } });
      expect(created.result).toMatchObject({ resultType: 'task', status: 'working' });
      const taskId = created.result?.taskId as string;
      await held.arrived(3);
      // The client is gone (stateless HTTP: nothing of it stays on a); it comes back through b.
      const onB = modernRpc(b.url, b.token);
      expect((await onB('tasks/get', { taskId })).result).toMatchObject({ status: 'working' });
      held.release();
      await expect.poll(async () => (await onB('tasks/get', { taskId })).result?.status).toBe('completed');
      const task = (await onB('tasks/get', { taskId })).result as {
        statusMessage: string;
        result: {
          structuredContent: { status: Array<{ status: string }>; results: Record<string, { title: string }> };
        };
      };
      expect(task.statusMessage).toBe('done');
      expect(task.result.structuredContent.status.map((command) => command.status)).toEqual(['ok', 'ok', 'ok']);
      expect(task.result.structuredContent.results.i2?.title).toBe(github.seed.issues[1]?.title);
    } finally {
      held.release();
      github.restore(GITHUB_ROUTES.getIssue);
    }
  });

  it('cancelling a task on the other instance closes its upstream requests (2025-11-25)', async () => {
    let arrivals = 0;
    let allArrived: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      allArrived = resolve;
    });
    github.route(GITHUB_ROUTES.getIssue, () => {
      if (++arrivals === 3) allArrived();
      return { hang: true };
    });
    try {
      const abandoned = github.abandoned;
      const onA = await a.connect();
      const created = await onA.request(
        { method: 'tools/call', params: { name: 'batch', arguments: { commands: threeCommands }, task: {} } },
        CreateTaskResultSchema,
      );
      const taskId = created.task.taskId;
      await arrived;
      await onA.close();
      const onB = await b.connect();
      expect(await onB.experimental.tasks.cancelTask(taskId)).toMatchObject({ taskId, status: 'cancelled' });
      await vi.waitFor(() => expect(github.abandoned).toBe(abandoned + 3), { timeout: 10_000 });
      expect(await onB.experimental.tasks.getTask(taskId)).toMatchObject({ status: 'cancelled' });
    } finally {
      github.restore(GITHUB_ROUTES.getIssue);
    }
  });
});
