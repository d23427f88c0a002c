import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * A client cancelling a call aborts it, and with it the upstream request in
 * flight: the fake GitHub, which never answers, sees the connection closed.
 */

let github: FakeGitHub;
let hub: TestHub;
let reached: () => void = () => {};

const listIssues = { module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' } };

beforeAll(async () => {
  github = await startFakeGitHub({ issues: 2 });
  github.route(GITHUB_ROUTES.listIssues, () => {
    reached();
    return { hang: true };
  });
  hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url } } });
  await hub.setCredential('github', github.token);
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

/** Resolves when the fake GitHub received the (hanging) list request. */
const upstreamReached = () =>
  new Promise<void>((resolve) => {
    reached = resolve;
  });

describe('cancelling a call', () => {
  it('reaches the call of a 2025-11-25 client (notifications/cancelled on its own POST) and closes the upstream request', async () => {
    const client = await hub.connect();
    const abandoned = github.abandoned;
    const controller = new AbortController();
    const arrived = upstreamReached();
    const call = client
      .callTool({ name: 'call', arguments: listIssues }, CallToolResultSchema, { signal: controller.signal })
      .catch((error: unknown) => error);
    await arrived;
    controller.abort('the user pressed stop');
    expect(await call).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(github.abandoned).toBe(abandoned + 1));
  });

  it('reaches the call of a 2026-07-28 client and closes the upstream request', async () => {
    const client = await hub.connectModern();
    const abandoned = github.abandoned;
    const controller = new AbortController();
    const arrived = upstreamReached();
    const call = client
      .callTool({ name: 'call', arguments: listIssues }, { signal: controller.signal })
      .catch((error: unknown) => error);
    await arrived;
    controller.abort('the user pressed stop');
    expect(await call).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(github.abandoned).toBe(abandoned + 1));
  });
});
