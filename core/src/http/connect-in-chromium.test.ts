import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiRequest } from '../test-support/api-client.js';
import { launchChromium } from '../test-support/chromium.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../test-support/fake-oauth-provider.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * The honest connect flow in a real browser (Debian's Chromium, installed by
 * .ci/run): MCPist's connect page, its button, the provider, the callback.
 * What a fetch-based test cannot show: that the page's CSP lets the form
 * reach the provider, that the browser keeps the HttpOnly, SameSite=Lax
 * binding cookie and sends it back on the provider's redirect.
 */

const SERVICE = 'google-calendar';

let hub: TestHub;
let provider: FakeOAuthProvider;
let browser: Browser;

beforeAll(async () => {
  provider = await startFakeOAuthProvider({ clientAuth: 'body' });
  hub = await startTestHub();
  const set = await apiRequest(hub.url, 'put', `/oauth-apps/${SERVICE}`, {
    token: hub.token,
    body: {
      client_id: provider.clientId,
      client_secret: provider.clientSecret,
      settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
    },
  });
  expect(set.status).toBe(200);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  await provider?.close();
});

it('connects a service through the connect page in Chromium, with an HttpOnly SameSite=Lax binding cookie', async () => {
  const bob = await hub.issueToken('bob@example.com');
  const start = await apiRequest(hub.url, 'post', `/profile/services/${SERVICE}/oauth/start`, { token: bob.token });
  expect(start.status).toBe(200);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(start.body.connect_url);
  await expect.poll(() => page.textContent('body')).toContain('bob@example.com');
  expect(await page.textContent('h1')).toBe('Connect Google Calendar');

  const [bound] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.waitForURL(/\/oauth\/callback\?/),
    page.click('button[type=submit]'),
  ]);
  const setCookie = (await bound.headerValue('set-cookie')) ?? '';
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Lax/i);
  expect(setCookie).toContain(`Path=/api/services/${SERVICE}/oauth/callback`);
  expect(await page.textContent('h1')).toBe(`${SERVICE} connected`);

  const services = await apiRequest(hub.url, 'get', '/profile/services', { token: bob.token });
  const row = (services.body.services as Array<{ module: string; connection: string }>).find(
    (service) => service.module === SERVICE,
  );
  expect(row?.connection).toBe('connected_personal');
  // The binding cookie was HttpOnly and Lax, and the callback cleared it once used.
  expect(await context.cookies()).toEqual([]);
  await context.close();
}, 60_000);
