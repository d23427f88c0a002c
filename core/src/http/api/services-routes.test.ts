import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../../plugins/github/test/fake-github.js';
import { Tokens } from '../../container/tokens.js';
import { ErrorCodes } from '../../errors/error-codes.js';
import { apiRequest } from '../../test-support/api-client.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../../test-support/fake-oauth-provider.js';
import { TestBrowser } from '../../test-support/test-browser.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

const MEMBER_ROLE = '00000000-0000-0000-0000-0000000000d1';

let hub: TestHub;
let provider: FakeOAuthProvider;
let github: FakeGitHub;
let bob: { token: string; userId: string };
let carol: { token: string; userId: string };

const api = (method: string, path: string, token: string | null, body?: unknown) =>
  apiRequest(hub.url, method, path, { token, body });

/** The connect page, its button, the provider and the callback, as one browser does it; returns the callback's answer. */
async function browserFlow(connectUrl: string, token?: string, browser = new TestBrowser()) {
  const done = await browser.connect(connectUrl, { token });
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  return { callback: done.callbackUrl, status: done.status, body: done.body as any, browser };
}

async function profileService(token: string, module: string) {
  const services = (await api('get', '/profile/services', token)).body.services as Array<Record<string, unknown>>;
  return services.find((service) => service.module === module);
}

beforeAll(async () => {
  [provider, github] = await Promise.all([startFakeOAuthProvider({ clientAuth: 'body' }), startFakeGitHub()]);
  hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url } } });
  bob = await hub.issueToken('bob@example.com');
  carol = await hub.issueToken('carol@example.com');
});

afterAll(async () => {
  await hub?.close();
  await Promise.all([provider?.close(), github?.close()]);
});

describe('connecting a service by OAuth through the HTTP routes', () => {
  it('refuses to start before an admin has set the OAuth app (409), and unknown services (404)', async () => {
    const start = await api('post', '/profile/services/google-calendar/oauth/start', bob.token);
    expect(start.status).toBe(409);
    expect(start.body.error.message).toContain('no OAuth app');
    expect((await api('post', '/profile/services/nope/oauth/start', bob.token)).status).toBe(404);
  });

  it('an admin sets the OAuth app; the client secret is never shown back', async () => {
    const set = await api('put', '/oauth-apps/google-calendar', hub.token, {
      client_id: provider.clientId,
      client_secret: provider.clientSecret,
      settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ service: 'google-calendar', has_client_secret: true });
    expect(JSON.stringify((await api('get', '/oauth-apps', hub.token)).body)).not.toContain(provider.clientSecret);
    expect((await api('put', '/oauth-apps/github', bob.token, { client_id: 'x' })).status).toBe(403);
    const bad = await api('put', '/oauth-apps/google-calendar', hub.token, {
      client_id: '',
      settings: { tokenUrl: 'ftp://x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((issue: { field: string }) => issue.field).sort()).toEqual([
      'client_id',
      'settings.tokenUrl',
    ]);
  });

  it('runs the whole flow and ends with an encrypted personal credential', async () => {
    const start = await api('post', '/profile/services/google-calendar/oauth/start', bob.token);
    expect(start.status).toBe(200);
    expect(start.body.connect_url.startsWith(`${hub.url}/connect/google-calendar?flow=`)).toBe(true);
    const done = await browserFlow(start.body.connect_url);
    expect(done).toMatchObject({ status: 200, body: { service: 'google-calendar', connected: true } });

    expect(await profileService(bob.token, 'google-calendar')).toMatchObject({
      connection: 'connected_personal',
      kind: 'oauth2',
      needs_reauth: false,
    });
    const issued = provider.issuedAccessTokens.at(-1) as string;
    const rows = await hub.server.container
      .resolve(Tokens.Database)
      .query<Record<string, unknown>>('select * from public.credentials where service = $1', ['google-calendar']);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(issued);

    // The same callback again: the state was single-use.
    const replay = await done.browser.callback(done.callback);
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: { code: ErrorCodes.UNAUTHORIZED } });
  });

  it('refuses a callback presented by another signed-in user (403), and a browser gets a page', async () => {
    const start = await api('post', '/profile/services/google-calendar/oauth/start', bob.token);
    const stolen = await browserFlow(start.body.connect_url, carol.token);
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.message).toContain('another user');
    expect((await profileService(carol.token, 'google-calendar'))?.connection).toBe('not_connected');
    // Refused before the state was used: bob's own browser still completes it.
    expect((await stolen.browser.callback(stolen.callback)).status).toBe(200);

    const second = await api('post', '/profile/services/google-calendar/oauth/start', bob.token);
    const page = await new TestBrowser().connect(second.body.connect_url, { accept: 'text/html' });
    expect(page.text).toContain('google-calendar connected');
  });
});

describe('tokens (type A) through the HTTP routes', () => {
  it('stores a personal token with the declared fields, and names missing or unknown ones', async () => {
    const missing = await api('put', '/profile/services/atlassian/token', bob.token, {
      token: 'atlassian-api-token-value',
      fields: { site: 'acme.atlassian.net', colour: 'blue' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((issue: { field: string }) => issue.field).sort()).toEqual([
      'fields.colour',
      'fields.email',
    ]);
    expect((await profileService(bob.token, 'jira'))?.connection).toBe('not_connected');

    const saved = await api('put', '/profile/services/atlassian/token', bob.token, {
      token: 'atlassian-api-token-value',
      fields: { site: 'acme.atlassian.net', email: 'bob@example.com' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ service: 'atlassian', kind: 'token', shared: false });
    expect((await profileService(bob.token, 'jira'))?.connection).toBe('connected_personal');
    expect((await profileService(bob.token, 'confluence'))?.connection).toBe('connected_personal');

    expect((await api('delete', '/profile/services/atlassian/token', bob.token)).status).toBe(204);
    expect((await api('delete', '/profile/services/atlassian/token', bob.token)).status).toBe(404);
    expect((await profileService(bob.token, 'jira'))?.connection).toBe('not_connected');
  });

  it('refuses a token for an OAuth-only service, and for an unknown one', async () => {
    const oauthOnly = await api('put', '/profile/services/google-calendar/token', bob.token, { token: 'x-token' });
    expect(oauthOnly.status).toBe(400);
    expect(oauthOnly.body.error.field).toBe('token');
    expect((await api('put', '/profile/services/nope/token', bob.token, { token: 'x-token' })).status).toBe(404);
  });

  it("lets an admin share a token with a role; its members' calls use it", async () => {
    expect((await api('put', `/roles/${MEMBER_ROLE}/services/github`, bob.token, { token: github.token })).status).toBe(
      403,
    );
    const shared = await api('put', `/roles/${MEMBER_ROLE}/services/github`, hub.token, { token: github.token });
    expect(shared.body).toEqual({ service: 'github', kind: 'token', shared: true });
    expect((await profileService(bob.token, 'github'))?.connection).toBe('connected_shared');

    const client = await hub.connect({ token: bob.token });
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' } },
    });
    expect(result.isError).toBeFalsy();

    expect((await api('delete', `/roles/${MEMBER_ROLE}/services/github`, hub.token)).status).toBe(204);
    expect((await profileService(bob.token, 'github'))?.connection).toBe('not_connected');
  });
});
