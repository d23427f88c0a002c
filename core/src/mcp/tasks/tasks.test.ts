import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, CreateTaskResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES } from '../../../../plugins/github/test/fake-github.js';
import { closeGitHubHub, startGitHubHub } from '../../test-support/github-hub.js';
import { type HeldRoute, holdRoute } from '../../test-support/held-upstream.js';
import { modernRpc } from '../../test-support/modern-rpc.js';
import { type TestHub, textOf } from '../../test-support/test-hub.js';

/**
 * `call`, `batch` and direct-mode calls as MCP tasks on one instance: the
 * 2026-07-28 extension (tasks/get, update, cancel) and the 2025-11-25 form
 * (tasks/get, result, list, cancel). The upstream holds its answers until
 * the test releases them, so a task is still running when the test looks.
 */

let github: FakeGitHub;
let hub: TestHub;

const OWNER = 'octo-org';
const REPO = 'hello-world';
const getIssue = (n: number) => ({
  module: 'github',
  tool: 'get_issue',
  params: { owner: OWNER, repo: REPO, issue_number: n },
});
const commands = (numbers: number[]) =>
  numbers.map((n) => JSON.stringify({ id: `i${n}`, ...getIssue(n), output: true })).join('\n');

let held: HeldRoute | undefined;

/** Holds GitHub's issue answers until released (and after each test). */
const holdIssues = () => {
  held = holdRoute(github, GITHUB_ROUTES.getIssue, (request) => ({
    json: github.seed.issues[Number(request.params.issue_number) - 1],
  }));
  return held;
};

afterEach(() => {
  held?.release();
  held = undefined;
  github.restore(GITHUB_ROUTES.getIssue);
});

beforeAll(async () => {
  ({ github, hub } = await startGitHubHub());
});

afterAll(() => closeGitHubHub({ github, hub }));

describe('tasks for a 2026-07-28 client (tasks extension)', () => {
  it('answers `call` with a task handle, and tasks/get with the result once the upstream answered', async () => {
    const held = holdIssues();
    const rpc = modernRpc(hub.url, hub.token);
    const created = await rpc('tools/call', { name: 'call', arguments: getIssue(1) });
    expect(created.result).toMatchObject({
      resultType: 'task',
      status: 'working',
      ttlMs: 3_600_000,
      pollIntervalMs: 1_000,
    });
    const taskId = created.result?.taskId as string;
    await held.arrived(1);
    expect((await rpc('tasks/get', { taskId })).result).toMatchObject({ resultType: 'complete', status: 'working' });
    const updated = await rpc('tasks/update', { taskId, inputResponses: {} });
    expect(updated.result).toEqual(expect.objectContaining({ resultType: 'complete' }));
    held.release();
    await expect.poll(async () => (await rpc('tasks/get', { taskId })).result?.status).toBe('completed');
    const done = (await rpc('tasks/get', { taskId })).result as { result: unknown; ttlMs: number };
    expect(textOf(done.result)).toContain(github.seed.issues[0]?.title);
    expect(done.result).toMatchObject({ resultType: 'complete', structuredContent: { number: 1 } });
    expect(done.ttlMs).toBeGreaterThanOrEqual(3_600_000);
  });

  it('runs direct-mode tool calls as tasks too, but not get_module_schema', async () => {
    const direct = modernRpc(hub.url, hub.token, { mode: 'direct' });
    const created = await direct('tools/call', { name: 'github_get_issue', arguments: getIssue(2).params });
    expect(created.result).toMatchObject({ resultType: 'task' });
    const taskId = created.result?.taskId as string;
    await expect.poll(async () => (await direct('tasks/get', { taskId })).result?.status).toBe('completed');

    const meta = modernRpc(hub.url, hub.token);
    const schema = await meta('tools/call', {
      name: 'get_module_schema',
      arguments: { modules: ['github'], index: true },
    });
    expect(schema.result).toMatchObject({ resultType: 'complete' });
  });

  it('records a refused call as a failed task carrying its JSON-RPC error', async () => {
    const rpc = modernRpc(hub.url, hub.token);
    const created = await rpc('tools/call', { name: 'call', arguments: { module: 'nope', tool: 'x', params: {} } });
    const taskId = created.result?.taskId as string;
    await expect.poll(async () => (await rpc('tasks/get', { taskId })).result?.status).toBe('failed');
    expect((await rpc('tasks/get', { taskId })).result).toMatchObject({
      error: { code: -32602, data: { code: 2001 } },
    });
  });

  it('gives no task to a client that did not declare the extension, and refuses it tasks/get (-32021)', async () => {
    const plain = modernRpc(hub.url, hub.token, { tasks: false });
    const answer = await plain('tools/call', { name: 'call', arguments: getIssue(1) });
    expect(answer.result).toMatchObject({ resultType: 'complete', structuredContent: { number: 1 } });
    expect((await plain('tasks/get', { taskId: 'whatever' })).error?.code).toBe(-32021);
  });

  it("answers another user's task id exactly like an unknown one, and does not let them cancel it", async () => {
    const held = holdIssues();
    const alice = modernRpc(hub.url, hub.token);
    const taskId = (await alice('tools/call', { name: 'call', arguments: getIssue(3) })).result?.taskId as string;
    await held.arrived(1);
    const bob = modernRpc(hub.url, (await hub.issueToken('bob@example.com')).token);
    const unknown = 'f1d2d2f9-0000-4000-8000-000000000000';
    for (const method of ['tasks/get', 'tasks/cancel', 'tasks/update']) {
      const extra = method === 'tasks/update' ? { inputResponses: {} } : {};
      const theirs = await bob(method, { taskId, ...extra });
      const none = await bob(method, { taskId: unknown, ...extra });
      expect(theirs.result).toBeUndefined();
      expect({ ...theirs.error, message: theirs.error?.message.replace(taskId, '<id>') }).toEqual({
        ...none.error,
        message: none.error?.message.replace(unknown, '<id>'),
      });
    }
    expect((await alice('tasks/get', { taskId })).result).toMatchObject({ status: 'working' });
    held.release();
    await expect.poll(async () => (await alice('tasks/get', { taskId })).result?.status).toBe('completed');
  });
});

describe('tasks for a 2025-11-25 client (experimental tasks)', () => {
  let client: Client;

  beforeAll(async () => {
    client = await hub.connect();
  });

  it('offers call and batch as optional tasks, never get_module_schema', async () => {
    const { tools } = await client.listTools();
    expect(Object.fromEntries(tools.map((tool) => [tool.name, tool.execution?.taskSupport]))).toEqual({
      get_module_schema: undefined,
      call: 'optional',
      batch: 'optional',
    });
    const refused = await client
      .request(
        {
          method: 'tools/call',
          params: { name: 'get_module_schema', arguments: { modules: ['github'] }, task: {} },
        },
        CallToolResultSchema,
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(McpError);
    expect((refused as McpError).code).toBe(-32601);
  });

  it('runs a batch as a task: created, polled, its result fetched; tasks/list lists it', async () => {
    const held = holdIssues();
    const messages: string[] = [];
    const stream = client.experimental.tasks.callToolStream(
      { name: 'batch', arguments: { commands: commands([1, 2, 3]) } },
      CallToolResultSchema,
      { task: { ttl: 60_000 } },
    );
    let taskId = '';
    let result: Record<string, unknown> | undefined;
    const consumed = (async () => {
      for await (const message of stream) {
        messages.push(message.type);
        if (message.type === 'taskCreated') taskId = message.task.taskId;
        if (message.type === 'result') result = message.result as Record<string, unknown>;
        if (message.type === 'error') throw message.error;
      }
    })();
    await held.arrived(3);
    held.release();
    await consumed;
    expect(messages[0]).toBe('taskCreated');
    expect(messages.at(-1)).toBe('result');
    const { results } = (result?.structuredContent ?? { results: {} }) as { results: object };
    expect(Object.keys(results).sort()).toEqual(['i1', 'i2', 'i3']);
    const listed = await client.experimental.tasks.listTasks();
    expect(listed.tasks.find((task) => task.taskId === taskId)).toMatchObject({ status: 'completed' });

    // Another user: not listed, and its id answered like an unknown one by tasks/get and tasks/result.
    const bob = await hub.connect({ token: (await hub.issueToken('bob@example.com')).token });
    expect((await bob.experimental.tasks.listTasks()).tasks.map((task) => task.taskId)).not.toContain(taskId);
    const unknown = 'f1d2d2f9-0000-4000-8000-000000000000';
    for (const ask of [
      (id: string) => bob.experimental.tasks.getTask(id),
      (id: string) => bob.experimental.tasks.getTaskResult(id),
    ]) {
      const theirs = (await ask(taskId).catch((error: unknown) => error)) as McpError;
      const none = (await ask(unknown).catch((error: unknown) => error)) as McpError;
      expect(theirs).toBeInstanceOf(McpError);
      expect([theirs.code, theirs.message.replace(taskId, '<id>')]).toEqual([
        none.code,
        none.message.replace(unknown, '<id>'),
      ]);
    }
  });

  it('cancels a running task: the upstream request is closed, the task is cancelled and has no result', async () => {
    let reached: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      reached = resolve;
    });
    github.route(GITHUB_ROUTES.getIssue, () => {
      reached();
      return { hang: true };
    });
    const abandoned = github.abandoned;
    const created = (await client.request(
      { method: 'tools/call', params: { name: 'call', arguments: getIssue(1), task: {} } },
      CreateTaskResultSchema,
    )) as { task: { taskId: string } };
    const taskId = created.task.taskId;
    await arrived;
    const cancelled = await client.experimental.tasks.cancelTask(taskId);
    expect(cancelled).toMatchObject({ taskId, status: 'cancelled' });
    await vi.waitFor(() => expect(github.abandoned).toBe(abandoned + 1));
    expect(await client.experimental.tasks.getTask(taskId)).toMatchObject({ status: 'cancelled' });
    const noResult = await client.experimental.tasks.getTaskResult(taskId).catch((error: unknown) => error);
    expect((noResult as McpError).code).toBe(-32602);
    const again = await client.experimental.tasks.cancelTask(taskId).catch((error: unknown) => error);
    expect((again as McpError).code).toBe(-32602);
  });
});
