import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const unavailable = postgresUnavailableReason();
if (unavailable) console.warn(`skipping cancellation across instances: ${unavailable}`);

/**
 * Two instances sharing PostgreSQL behind a load balancer that sends a 2025
 * client's `notifications/cancelled` POST to the other instance than its
 * call: the cancellation still reaches the call and closes its upstream
 * request.
 */
describe.skipIf(unavailable !== undefined)('cancelling a call across two instances', () => {
  let postgres: TestPostgres;
  let github: FakeGitHub;
  let hubs: TestHub[] = [];
  let reached: () => void = () => {};

  beforeAll(async () => {
    [postgres, github] = await Promise.all([startTestPostgres(), startFakeGitHub({ issues: 2 })]);
    github.route(GITHUB_ROUTES.listIssues, () => {
      reached();
      return { hang: true };
    });
    const config = {
      databaseUrl: postgres.url,
      keyFile: join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json'),
      pluginSettings: { github: { baseUrl: github.url } },
    };
    hubs.push(await startTestHub(config));
    hubs.push(await startTestHub(config));
    await hubs[0]?.setCredential('github', github.token);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.close()));
    await Promise.all([github?.close(), postgres?.stop()]);
    hubs = [];
  });

  it('reaches the call on the other instance and closes its upstream request', async () => {
    const [a, b] = hubs as [TestHub, TestHub];
    // The "load balancer": cancellations go to b, everything else to a.
    const balanced: typeof fetch = async (_input, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      const target = body.includes('"notifications/cancelled"') ? b.url : a.url;
      return fetch(new URL('/mcp', target), init);
    };
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', a.url), {
      requestInit: { headers: { Authorization: `Bearer ${a.token}` } },
      fetch: balanced,
    });
    const client = new Client({ name: 'balanced', version: '1.0.0' });
    await client.connect(transport);
    const abandoned = github.abandoned;
    const controller = new AbortController();
    const arrived = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const call = client
      .callTool(
        { name: 'call', arguments: { module: 'github', tool: 'list_issues', params: { owner: 'o', repo: 'r' } } },
        CallToolResultSchema,
        { signal: controller.signal },
      )
      .catch((error: unknown) => error);
    await arrived;
    controller.abort('the user pressed stop');
    expect(await call).toBeInstanceOf(Error);
    await vi.waitFor(() => expect(github.abandoned).toBe(abandoned + 1), { timeout: 10_000 });
    await client.close();
  });
});
