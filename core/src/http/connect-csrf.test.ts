import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest } from '../test-support/api-client.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../test-support/fake-oauth-provider.js';
import { TestBrowser } from '../test-support/test-browser.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * OAuth connect CSRF: an attacker who starts a flow for their own account
 * and gets a victim to finish it at the provider must not end up holding
 * the victim's grant. Every link opens MCPist's page naming the account;
 * the callback only completes in the browser that pressed its button.
 */

const SERVICE = 'google-calendar';
let hub: TestHub;
let provider: FakeOAuthProvider;
let mallory: { token: string; userId: string };

const start = async (token: string) =>
  (await apiRequest(hub.url, 'post', `/profile/services/${SERVICE}/oauth/start`, { token })).body.connect_url as string;

const connection = async (token: string) =>
  (
    (await apiRequest(hub.url, 'get', '/profile/services', { token })).body.services as Array<{
      module: string;
      connection: string;
    }>
  ).find((row) => row.module === SERVICE)?.connection;

beforeAll(async () => {
  provider = await startFakeOAuthProvider({ clientAuth: 'body' });
  hub = await startTestHub();
  mallory = await hub.issueToken('mallory@example.com');
  const set = await apiRequest(hub.url, 'put', `/oauth-apps/${SERVICE}`, {
    token: hub.token,
    body: {
      client_id: provider.clientId,
      client_secret: provider.clientSecret,
      settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
    },
  });
  expect(set.status).toBe(200);
});

afterAll(async () => {
  await hub?.close();
  await provider?.close();
});

describe('a connect link', () => {
  it('opens a page naming the MCPist account and the service, that cannot be framed or leak its URL', async () => {
    const link = await start(mallory.token);
    const response = await fetch(link, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('mallory@example.com');
    expect(html).toContain('Google Calendar');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('binds the browser with an HttpOnly, SameSite=Lax cookie scoped to the callback', async () => {
    const link = await start(mallory.token);
    const url = new URL(link);
    const response = await fetch(new URL(url.pathname, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url.origin },
      body: new URLSearchParams({ flow: url.searchParams.get('flow') ?? '' }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')?.startsWith(provider.authorizeUrl)).toBe(true);
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^mcpist_connect_[0-9a-f]{16}=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toContain(`Path=/api/services/${SERVICE}/oauth/callback`);
  });

  it('refuses the button pressed from a foreign site (Origin check)', async () => {
    const link = await start(mallory.token);
    const url = new URL(link);
    const response = await fetch(new URL(url.pathname, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ flow: url.searchParams.get('flow') ?? '' }).toString(),
    });
    expect(response.status).toBe(403);
  });

  it('answers an unknown or garbage flow with a 400 page, not a 500', async () => {
    for (const flow of ['', 'nope', 'x'.repeat(5000), '%00']) {
      const page = await new TestBrowser().open(`${hub.url}/connect/${SERVICE}?flow=${encodeURIComponent(flow)}`);
      expect(page.status).toBe(400);
      expect(page.html).toContain('unknown, expired or already used');
    }
    expect((await new TestBrowser().continue(`${hub.url}/connect/${SERVICE}?flow=nope`)).status).toBe(400);
    for (const path of ['/connect/%ZZ?flow=a', '/api/services/%ZZ/oauth/callback?state=a']) {
      const response = await fetch(`${hub.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
    }
  });

  it('answers bad form bodies with 4xx, never 500', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${hub.url}/connect/${SERVICE}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.url, ...headers },
        body,
      });
    expect((await post(`flow=${'x'.repeat(10_000)}`)).status).toBe(413);
    expect((await post('flow=abc', { 'content-encoding': 'gzip' })).status).toBe(400);
    expect((await post('flow=abc', { 'content-encoding': 'compress' })).status).toBe(415);
    expect((await post('flow=%00&flow=%FF')).status).toBe(400);
  });
});

describe('the attack: mallory starts a flow and the victim finishes it at the provider', () => {
  it('is refused at the callback without a binding cookie, and the state stays usable by its browser', async () => {
    const link = await start(mallory.token);
    const attacker = new TestBrowser();
    const { location } = await attacker.continue(link);
    // The victim is sent the provider's URL directly (skipping the page that would name mallory), approves there…
    const victim = new TestBrowser();
    const callbackUrl = await victim.approve(location as string);
    const refused = await victim.callback(callbackUrl);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { message: expect.stringContaining('not started in this browser') } });
    expect(await connection(mallory.token)).toBe('not_connected');
    // …and the refusal did not burn the state: the browser that pressed the button can still finish.
    expect((await attacker.callback(callbackUrl)).status).toBe(200);
    expect(await connection(mallory.token)).toBe('connected_personal');
  });

  it('tells a browser why on its error page, also when the provider denies access', async () => {
    const link = await start(hub.token);
    const browser = new TestBrowser();
    await browser.continue(link);
    const state = new URL(link).searchParams.get('flow') as string;
    const denied = await browser.callback(
      `${hub.url}/api/services/${SERVICE}/oauth/callback?state=${encodeURIComponent(state)}&error=access_denied&error_description=The+user+said+no`,
      { accept: 'text/html' },
    );
    expect(denied.status).toBe(400);
    expect(denied.text).toMatch(/<p>[^<]*did not grant access \(access_denied: The user said no\)/);
    const stranger = await new TestBrowser().callback(
      `${hub.url}/api/services/${SERVICE}/oauth/callback?state=unknown&code=x`,
      {
        accept: 'text/html',
      },
    );
    expect(stranger.status).toBe(400);
    expect(stranger.text).toMatch(/<p>[^<]+<\/p>/);
  });
});
