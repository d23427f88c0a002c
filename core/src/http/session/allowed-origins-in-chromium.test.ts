import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../../test-support/api-client.js';
import { launchChromium } from '../../test-support/chromium.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

// A UI on another origin of the same site (the `next dev` layout) in real
// Chromium: it signs in and changes things through the core's /api with the
// session cookie, because the core allows its origin (ADR 0046); a page on
// an origin not allowed can neither read nor change anything.
let hub: TestHub;
let browser: Browser;
const pages: Server[] = [];

/** A blank page on 127.0.0.1:<port>: the "UI". */
async function origin(): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>ui</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pages.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let ui: string;
let stranger: string;

beforeAll(async () => {
  ui = await origin();
  stranger = await origin();
  hub = await startTestHub({ http: { allowedOrigins: [ui] } });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hub?.close();
  for (const server of pages) server.close();
});

/** Runs fetch calls in a page of `from`: sign in with the API token, then create a token named `name`. */
async function signInAndCreate(from: string, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(from);
  const script = `(async () => {
    const out = {};
    const call = async (key, path, init) => {
      try {
        const response = await fetch(${JSON.stringify(hub.url)} + path, { credentials: 'include', ...init });
        out[key] = response.status;
      } catch (error) {
        out[key] = 'blocked';
      }
    };
    const json = { 'content-type': 'application/json' };
    await call('signIn', '/api/session/token', { method: 'POST', headers: json, body: JSON.stringify({ token: ${JSON.stringify(hub.token)} }) });
    await call('me', '/api/auth/me');
    await call('create', '/api/tokens', { method: 'POST', headers: json, body: JSON.stringify({ name: ${JSON.stringify(name)} }) });
    return out;
  })()`;
  const result = (await page.evaluate(script)) as Record<string, number | string>;
  const cookies = await context.cookies(hub.url);
  await context.close();
  return { result, cookies };
}

const tokenNames = async () =>
  ((await apiClient(hub.url, hub.token)('get', '/tokens')).body.tokens as Array<{ name: string }>).map((t) => t.name);

describe('http.allowedOrigins in Chromium', () => {
  it('lets the allowed origin sign in and change things with the HttpOnly cookie', async () => {
    const { result, cookies } = await signInAndCreate(ui, 'from the ui');
    expect(result).toEqual({ signIn: 200, me: 200, create: 201 });
    expect(cookies).toEqual([expect.objectContaining({ name: 'mcpist_session', httpOnly: true, sameSite: 'Strict' })]);
    expect(await tokenNames()).toContain('from the ui');
  });

  it('gives another origin nothing: its reads are blocked and its changes refused', async () => {
    const { result } = await signInAndCreate(stranger, 'from a stranger');
    expect(result).toEqual({ signIn: 'blocked', me: 'blocked', create: 'blocked' });
    expect(await tokenNames()).not.toContain('from a stranger');
  });
});
