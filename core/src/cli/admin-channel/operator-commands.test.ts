import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServe, runCli, startServe } from '../../test-support/running-serve.js';

let dataDir: string;
let serve: RunningServe;
const tokens: Record<string, string> = {};
const mcpist = (args: string[], input?: string) => runCli(dataDir, args, { input });

const mcpStatus = async (token: string) =>
  (
    await fetch(`${serve.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
  ).status;

interface ListedCredential {
  owner: string;
  service: string;
}
const credentials = async (...args: string[]): Promise<ListedCredential[]> =>
  JSON.parse((await mcpist(['credential', 'list', '--json', ...args])).stdout);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-operator-'));
  // Before any server: status opens the store itself and says nothing answers.
  const offline = await mcpist(['status', '--json']);
  expect(offline.status).toBe(0);
  expect(JSON.parse(offline.stdout)).toMatchObject({ server: { running: false, via: 'store' }, users: [] });
  serve = await startServe(dataDir);
  for (const email of ['ann@example.com', 'ben@example.com']) {
    tokens[email] = (await mcpist(['token', 'create', '--user', email])).stdout.trim();
    const set = await mcpist(['credential', 'set', 'github', '--token', '-', '--user', email], `ghp_${email}\n`);
    expect(set.status).toBe(0);
  }
  expect((await mcpist(['credential', 'set', 'notion', '--token', '-'], 'ntn_secret')).status).toBe(0);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
});

describe('operator commands through the admin channel', () => {
  it('token list shows ids, owners and prefixes, never a token; token revoke cuts it off at once', async () => {
    const listed = JSON.parse((await mcpist(['token', 'list', '--json'])).stdout) as Record<string, string | null>[];
    expect(listed.map((t) => t.user)).toEqual(['ann@example.com', 'ben@example.com']);
    expect(JSON.stringify(listed)).not.toContain(tokens['ben@example.com']);
    const ben = listed.find((t) => t.user === 'ben@example.com') as Record<string, string>;
    expect(tokens['ben@example.com']?.startsWith(ben.prefix as string)).toBe(true);

    expect(await mcpStatus(tokens['ben@example.com'] as string)).toBe(200);
    expect(await mcpist(['token', 'revoke', ben.id as string])).toMatchObject({ status: 0, stderr: /revoked token/ });
    expect(await mcpStatus(tokens['ben@example.com'] as string)).toBe(401);
    expect(await mcpStatus(tokens['ann@example.com'] as string)).toBe(200);
    expect(await mcpist(['token', 'revoke', ben.id as string])).toMatchObject({
      status: 1,
      stderr: /no live API token/,
    });
    expect(await mcpist(['token', 'revoke', 'not-an-id'])).toMatchObject({ status: 1, stderr: /no live API token/ });
    const again = JSON.parse((await mcpist(['token', 'list', '--json', '--user', 'ben@example.com'])).stdout);
    expect(again).toEqual([expect.objectContaining({ id: ben.id, revoked_at: expect.any(String) })]);
  }, 60_000);

  it('status names the server, store, plugins, users and their services, and no secret', async () => {
    const run = await mcpist(['status', '--json']);
    const status = JSON.parse(run.stdout);
    expect(status).toMatchObject({
      server: { running: true, url: serve.url, pid: serve.process.pid, via: 'admin-channel' },
      store: 'pglite',
      plugins: { loaded: expect.arrayContaining(['github', 'notion']), skipped: [] },
    });
    expect(status.users).toEqual([
      {
        email: 'ann@example.com',
        system_role: 'admin',
        services: [
          { service: 'github', kind: 'token', shared: false, status: 'active' },
          { service: 'notion', kind: 'token', shared: false, status: 'active' },
        ],
      },
      {
        email: 'ben@example.com',
        system_role: 'user',
        services: [{ service: 'github', kind: 'token', shared: false, status: 'active' }],
      },
    ]);
    expect(run.stdout).not.toMatch(/ghp_|ntn_|mcpist_/);
    expect((await mcpist(['status'])).stdout).toMatch(/^server: running at http.*\nstore: embedded \(PGlite\)\n/);
  }, 60_000);

  it('credential list and delete; revoke-all needs --yes, then forgets one user’s or every credential', async () => {
    expect(await credentials()).toEqual([
      expect.objectContaining({ owner: 'ann@example.com', service: 'github' }),
      expect.objectContaining({ owner: 'ann@example.com', service: 'notion' }),
      expect.objectContaining({ owner: 'ben@example.com', service: 'github' }),
    ]);
    expect((await mcpist(['credential', 'list'])).stdout).not.toMatch(/ghp_|ntn_/);
    expect(await mcpist(['credential', 'delete', 'notion'])).toMatchObject({ status: 0 });
    expect(await mcpist(['credential', 'delete', 'notion'])).toMatchObject({
      status: 1,
      stderr: /has no stored notion/,
    });
    expect(await credentials('--user', 'ann@example.com')).toEqual([expect.objectContaining({ service: 'github' })]);

    expect(await mcpist(['credential', 'revoke-all'])).toMatchObject({ status: 1, stderr: /add --yes/ });
    expect(await credentials()).toHaveLength(2);
    const ben = await mcpist(['credential', 'revoke-all', '--user', 'ben@example.com', '--yes']);
    expect(ben).toMatchObject({ status: 0, stdout: 'ben@example.com\tgithub\ttoken\tactive\n' });
    expect(await credentials()).toEqual([expect.objectContaining({ owner: 'ann@example.com' })]);
    expect(await mcpist(['credential', 'revoke-all', '--yes'])).toMatchObject({
      status: 0,
      stderr: /deleted 1 stored/,
    });
    expect(await credentials()).toEqual([]);
  }, 60_000);
});
