import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transports } from 'winston';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { Tokens } from '../container/tokens.js';
import { apiRequest } from '../test-support/api-client.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../test-support/fake-oauth-provider.js';
import { TestBrowser } from '../test-support/test-browser.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * After tokens are stored every way MCPist stores them — a personal token, a
 * role's shared token, an OAuth app's client secret, an OAuth grant with its
 * refresh token, a refresh — no plaintext secret is in any column of any
 * table, in any log line, or in any API response.
 */

const MEMBER_ROLE = '00000000-0000-0000-0000-0000000000d1';
const PERSONAL = 'atlassian-personal-token-7f3a9c';
const SHARED = 'ghp_sharedRoleToken5b8e2d';

let hub: TestHub;
let provider: FakeOAuthProvider;
let github: FakeGitHub;
const logLines: string[] = [];
const responses: string[] = [];

async function api(method: string, path: string, token: string, body?: unknown) {
  const answer = await apiRequest(hub.url, method, path, { token, body });
  responses.push(answer.text);
  return answer;
}

beforeAll(async () => {
  [provider, github] = await Promise.all([
    startFakeOAuthProvider({ clientAuth: 'body', expiresIn: 60 }),
    startFakeGitHub(),
  ]);
  hub = await startTestHub({ logLevel: 'debug', pluginSettings: { github: { baseUrl: github.url } } });
  hub.server.container.resolve(Tokens.Logger).add(
    new transports.Stream({
      stream: new Writable({
        write(chunk, _encoding, done) {
          logLines.push(chunk.toString());
          done();
        },
      }),
    }),
  );
  await api('put', '/oauth-apps/google-calendar', hub.token, {
    client_id: provider.clientId,
    client_secret: provider.clientSecret,
    settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
  });
  await api('put', '/profile/services/atlassian/token', hub.token, {
    token: PERSONAL,
    fields: { email: 'alice@example.com', site: 'acme.atlassian.net' },
  });
  await api('put', `/roles/${MEMBER_ROLE}/services/github`, hub.token, { token: SHARED });
  const start = await api('post', '/profile/services/google-calendar/oauth/start', hub.token);
  responses.push((await new TestBrowser().connect(start.body.connect_url)).text);
  // The grant expires within the refresh margin: a call refreshes it (and fails upstream; no matter here).
  const client = await hub.connect();
  await client.callTool({
    name: 'call',
    arguments: { module: 'google-calendar', tool: 'list_calendars', params: {} },
  });
});

afterAll(async () => {
  await hub?.close();
  await Promise.all([provider?.close(), github?.close()]);
});

const secrets = () => [
  PERSONAL,
  SHARED,
  provider.clientSecret,
  ...provider.issuedAccessTokens,
  ...provider.issuedRefreshTokens,
];

describe('stored secrets', () => {
  it('were all issued and stored (the scan below looks for something real)', async () => {
    expect(provider.issuedAccessTokens.length).toBe(2);
    expect(provider.issuedRefreshTokens.length).toBe(1);
    expect(provider.refreshRequests).toBe(1);
    const db = hub.server.container.resolve(Tokens.Database);
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>('select count(*)::int as n from public.credentials');
    expect(n).toBe(3);
  });

  it('appear in no column of any table', async () => {
    const db = hub.server.container.resolve(Tokens.Database);
    const tables = await db.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['credentials', 'oauth_apps', 'audit_logs']),
    );
    for (const { table_name } of tables) {
      const rows = await db.query<{ row: string }>(`select t::text as row from public."${table_name}" t`);
      const text = rows.map((r) => r.row).join('\n');
      for (const secret of secrets()) expect(text, `${table_name}`).not.toContain(secret);
    }
  });

  it('appear in no log line and no API response', async () => {
    for (const path of [
      '/profile/services',
      '/profile/tools',
      '/oauth-apps',
      '/logs',
      '/roles',
      '/users',
      '/auth/me',
    ]) {
      await api('get', path, hub.token);
    }
    const everything = [...logLines, ...responses].join('\n');
    // The lines that handle the secrets were written: the connect, the refresh, the call.
    for (const message of ['service connected', 'token refreshed', 'tool call']) {
      expect(
        logLines.some((line) => line.includes(message)),
        message,
      ).toBe(true);
    }
    for (const secret of secrets()) expect(everything).not.toContain(secret);
  });
});
