import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { saveOAuthApp } from '../broker/oauth-apps.js';
import { runCli } from '../cli/main.js';
import { Tokens } from '../container/tokens.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

const unavailable = postgresUnavailableReason();
if (unavailable) console.warn(`skipping key rotation under load: ${unavailable}`);

/**
 * `mcpist keys rotate` while a server on the same PostgreSQL database and key
 * file serves calls: no call fails, and afterwards every secret is sealed
 * under the new key — including rows the server wrote during the rotation.
 */
describe.skipIf(unavailable !== undefined)('mcpist keys rotate under load', () => {
  let postgres: TestPostgres;
  let github: FakeGitHub;
  let hub: TestHub;
  let client: Client;
  let keyFile: string;

  beforeAll(async () => {
    [postgres, github] = await Promise.all([startTestPostgres(), startFakeGitHub()]);
    keyFile = join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json');
    hub = await startTestHub({
      databaseUrl: postgres.url,
      keyFile,
      pluginSettings: { github: { baseUrl: github.url, rateLimits: { requestsPerSecond: 1000, maxConcurrent: 50 } } },
    });
    client = await hub.connect();
    await hub.setCredential('github', github.token);
    for (const email of ['bo@example.com', 'cy@example.com', 'di@example.com']) {
      const { userId } = await hub.issueToken(email);
      await hub.setCredential('github', github.token, { userId });
    }
    const c = hub.server.container;
    await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), 'notion', {
      clientId: 'notion-client',
      clientSecret: 'notion-client-secret-value',
    });
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await Promise.all([github?.close(), postgres?.stop()]);
  });

  it('loses no call and leaves every row under the new key id', async () => {
    const oldKey = JSON.parse(readFileSync(keyFile, 'utf8')).active as string;
    let rotating = true;
    const failures: unknown[] = [];
    let calls = 0;
    const worker = async () => {
      while (rotating) {
        const result = await client.callTool({
          name: 'call',
          arguments: {
            module: 'github',
            tool: 'get_issue',
            params: { owner: 'octo-org', repo: 'hello-world', issue_number: 1 },
          },
        });
        calls += 1;
        if (result.isError) failures.push(result.structuredContent);
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    // Meanwhile a credential is written by the server, once the new key is in the file (the
    // command says so on stderr) and while rows are re-encrypted: it must end up under the new key too.
    let writer: Promise<void> = Promise.resolve();
    let callsBeforeNewKey = Number.POSITIVE_INFINITY;
    let stdout = '';
    const status = await runCli(['keys', 'rotate', '--settle-ms', '1500'], {
      env: { DATABASE_URL: postgres.url, MCPIST_KEY_FILE: keyFile, MCPIST_AUTO_DISCOVER_PLUGINS: 'false' },
      stdout: { write: (text: string) => (stdout += text) },
      stderr: {
        write: (text: string) => {
          if (!text.startsWith('added key')) return;
          callsBeforeNewKey = calls;
          writer = hub.setCredential('jira-like', 'written-during-rotation');
        },
      },
    });
    expect(status).toBe(0);
    const rotation = { stdout };
    await writer;
    rotating = false;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(callsBeforeNewKey); // calls were served while the rows changed key
    const file = JSON.parse(readFileSync(keyFile, 'utf8')) as { active: string; keys: Record<string, string> };
    expect(file.active).not.toBe(oldKey);
    expect(Object.keys(file.keys).sort()).toEqual([oldKey, file.active].sort());
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(rotation.stdout).toContain(`re-encrypted under ${file.active}`);

    const db = hub.server.container.resolve(Tokens.Database);
    const credentials = await db.query<{ key_id: string; secret: string }>(
      'select key_id, secret from public.credentials',
    );
    expect(credentials.length).toBe(5);
    for (const row of credentials) {
      expect(row.key_id).toBe(file.active);
      expect(row.secret.split(':')[1]).toBe(file.active);
    }
    const [app] = await db.query<{ key_id: string; client_secret: string }>(
      'select key_id, client_secret from public.oauth_apps',
    );
    expect(app?.client_secret.split(':')[1]).toBe(file.active);
    // The running server reads the new key from the file: calls keep working, secrets decrypt.
    const after = await client.callTool({
      name: 'call',
      arguments: {
        module: 'github',
        tool: 'get_issue',
        params: { owner: 'octo-org', repo: 'hello-world', issue_number: 1 },
      },
    });
    expect(after.isError).toBeFalsy();
  }, 60_000);
});
