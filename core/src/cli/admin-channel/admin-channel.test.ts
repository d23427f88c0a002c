import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServe, runCli, startServe } from '../../test-support/running-serve.js';
import { socketPathFor } from './channel-protocol.js';

let dataDir: string;
let serve: RunningServe;
let adminToken: string;

const api = async (path: string, token = adminToken) => {
  const res = await fetch(`${serve.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const initialize = (token: string) =>
  fetch(`${serve.url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    }),
  });

/** Sends one raw line to the channel and collects the frames it answers with. */
function rawRequest(line: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPathFor(dataDir));
    let data = '';
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve(
        data
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      ),
    );
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-channel-'));
  // As `mkdir` leaves a new ./.mcpist: readable by everyone. The server makes it private.
  chmodSync(dataDir, 0o755);
  serve = await startServe(dataDir);
}, 60_000);

afterAll(async () => {
  expect(await serve?.stop()).toBe(0);
});

describe('the admin channel of a running serve (embedded store)', () => {
  it('token create prints a token that works on /mcp at once', async () => {
    const run = await runCli(dataDir, ['token', 'create', '--user', 'me@example.com']);
    expect(run).toMatchObject({ status: 0, stderr: /created user me@example.com/ });
    adminToken = run.stdout.trim();
    expect(adminToken).toMatch(/^mcpist_/);
    expect((await initialize(adminToken)).status).toBe(200);
  }, 30_000);

  it('user add, role create, role assign and credential set (secret from stdin) run in the server', async () => {
    expect(await runCli(dataDir, ['user', 'add', 'dev@example.com', '--name', 'Dev'])).toMatchObject({ status: 0 });
    const role = await runCli(dataDir, [
      'role',
      'create',
      'devs',
      '--modules',
      'github',
      '--mask',
      'github:create_issue',
    ]);
    expect(role).toMatchObject({ status: 0, stdout: /created role devs/ });
    expect(await runCli(dataDir, ['role', 'assign', 'dev@example.com', 'devs'])).toMatchObject({
      status: 0,
      stdout: 'dev@example.com now has role devs\n',
    });
    const set = await runCli(dataDir, ['credential', 'set', 'github', '--token', '-', '--user', 'dev@example.com'], {
      input: 'ghp_channel_secret\n',
    });
    expect(set).toMatchObject({ status: 0, stderr: /stored an encrypted github token for dev@example.com/ });

    const users = (await api('/users')).body.users as { email: string }[];
    expect(users.map((u) => u.email).sort()).toEqual(['dev@example.com', 'me@example.com']);
    const events = ((await api('/logs?limit=20')).body.entries as { event: string; details: { via?: string } }[])
      .filter((entry) => entry.details.via === 'admin-channel')
      .map((entry) => entry.event);
    expect(events.sort()).toEqual([
      'credential_set',
      'role_created',
      'token_created',
      'user_created',
      'user_roles_assigned',
    ]);
    expect(JSON.stringify(serve.lines)).not.toContain('ghp_channel_secret');
  }, 60_000);

  it('refuses bad input with the local command’s message and exit 1, and keeps serving', async () => {
    const cases = [
      { args: ['user', 'add', 'dev@example.com'], error: /already exists/ },
      { args: ['user', 'add', 'not-an-email'], error: /not an email/ },
      { args: ['role', 'create', 'x', '--modules', 'nope'], error: /unknown module "nope"/ },
      { args: ['role', 'assign', 'nobody@example.com', 'devs'], error: /no user nobody@example.com/ },
      { args: ['credential', 'set', 'nope', '--token', '-'], error: /no loaded plugin uses the service "nope"/ },
    ];
    for (const { args, error } of cases) {
      const run = await runCli(dataDir, args, { input: 'x' });
      expect({ args, status: run.status, stderr: run.stderr }).toEqual({
        args,
        status: 1,
        stderr: expect.stringMatching(error),
      });
    }
    expect(await rawRequest('not json')).toEqual([{ exit: 1, error: 'malformed admin channel request' }]);
    expect(await rawRequest(JSON.stringify({ command: 'serve', args: {} }))).toEqual([
      { exit: 1, error: expect.stringMatching(/does not run "serve"/) },
    ]);
    expect(await rawRequest(JSON.stringify({ command: 'token create', args: { user: 1 } }))).toEqual([
      { exit: 1, error: expect.stringMatching(/^token create: user: .*expected string/) },
    ]);
    expect((await initialize(adminToken)).status).toBe(200);
  }, 60_000);

  it('is a 0600 socket in a folder only its owner can enter', () => {
    expect(statSync(socketPathFor(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it.skipIf(process.getuid?.() !== 0)(
    'cannot be used by another OS user',
    async () => {
      const run = await runCli(dataDir, ['token', 'create', '--user', 'mallory@example.com'], { as: 'nobody' });
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/permission denied/i);
      const users = (await api('/users')).body.users as { email: string }[];
      expect(users.map((u) => u.email)).not.toContain('mallory@example.com');
    },
    30_000,
  );
});
