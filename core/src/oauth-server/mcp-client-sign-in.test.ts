import { existsSync } from 'node:fs';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthTestClient } from '../test-support/oauth-test-client.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * From zero, as an MCP client that follows MCP authorization: no token
 * configured, the official SDK client discovers MCPist's authorization
 * server, registers, sends the user to sign in and consent (Chromium), and
 * then lists and calls tools with the access token it got.
 */

const CHROMIUM = '/usr/bin/chromium';
let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  hub = await startTestHub({ toolMode: 'direct' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await hub?.close();
});

/** Signs in on MCPist's page with an API token, then answers the consent page. */
async function signInAndConsent(page: Page, url: URL, access: 'full' | 'read', token = hub.token): Promise<void> {
  await page.goto(url.href);
  await expect.poll(() => page.textContent('h1')).toBe('Sign in to MCPist');
  await page.fill('#token', token);
  await Promise.all([page.waitForURL(/\/oauth\/interaction\//), page.click('button[type=submit]')]);
  await expect.poll(() => page.textContent('h1')).toMatch(/^Allow /);
  if (access === 'read') await page.check('input[value=read]');
  await page.click('button[value=allow]');
}

async function signIn(access: 'full' | 'read', scope?: string) {
  const oauth = await OAuthTestClient.start({ ...(scope ? { scope } : {}) });
  const mcpUrl = new URL('/mcp', hub.url);
  const first = new Client({ name: 'oauth-test', version: '1.0.0' });
  await expect(first.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: oauth }))).rejects.toThrow(
    UnauthorizedError,
  );
  const authorizationUrl = oauth.authorizationUrl as URL;
  expect(authorizationUrl.origin).toBe(new URL(hub.url).origin);
  const context = await browser.newContext();
  const page = await context.newPage();
  const callback = oauth.nextCallback();
  await signInAndConsent(page, authorizationUrl, access);
  const { code, iss } = await callback;
  expect(iss).toBe(hub.url);
  const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: oauth });
  await transport.finishAuth(code as string);
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: oauth }));
  return { oauth, client, context };
}

describe('an MCP client without a token signs in by itself', () => {
  it('registers (DCR), signs in, consents, and lists and calls tools with the access token', async () => {
    const { oauth, client, context } = await signIn('full');
    expect(oauth.tokens()?.access_token).toBeTruthy();
    expect(oauth.tokens()?.refresh_token).toBeTruthy();
    expect(oauth.tokens()?.scope?.split(' ')).toContain('mcp:full');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('github_create_issue');
    await client.close();
    await context.close();
    await oauth.close();
  });
});
