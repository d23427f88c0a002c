import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** A batch reports one progress step per finished command, to clients of both eras that asked for progress. */

let github: FakeGitHub;
let hub: TestHub;

const commands = [
  { id: 'a', module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' } },
  { id: 'b', module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' }, after: ['a'] },
  { id: 'c', module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' }, after: ['b'] },
]
  .map((command) => JSON.stringify(command))
  .join('\n');

beforeAll(async () => {
  github = await startFakeGitHub({ issues: 2 });
  hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url } } });
  await hub.setCredential('github', github.token);
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

describe('progress of a batch', () => {
  it('reaches a 2025-11-25 client once per finished command', async () => {
    const client = await hub.connect();
    const steps: Array<{ progress: number; total?: number }> = [];
    const result = await client.callTool({ name: 'batch', arguments: { commands } }, CallToolResultSchema, {
      onprogress: (step) => steps.push(step),
    });
    expect(result.isError).toBeFalsy();
    expect(steps.map(({ progress, total }) => [progress, total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('reaches a 2026-07-28 client once per finished command', async () => {
    const client = await hub.connectModern();
    const steps: Array<{ progress: number; total?: number }> = [];
    const result = await client.callTool(
      { name: 'batch', arguments: { commands } },
      { onprogress: (step) => steps.push(step) },
    );
    expect(result.isError).toBeFalsy();
    expect(steps.map(({ progress, total }) => [progress, total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('sends no progress to a client that did not ask, and no debug lines', async () => {
    const client = await hub.connect();
    const seen: unknown[] = [];
    client.fallbackNotificationHandler = async (notification) => {
      seen.push(notification);
    };
    const result = await client.callTool({ name: 'batch', arguments: { commands } });
    expect(result.isError).toBeFalsy();
    const methods = seen.map((notification) => (notification as { method: string }).method);
    expect(methods).not.toContain('notifications/progress');
    const levels = seen.map((notification) => (notification as { params?: { level?: string } }).params?.level);
    expect(levels).not.toContain('debug');
  });
});
