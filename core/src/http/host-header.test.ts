import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOAuthProvider } from '../test-support/fake-oauth-provider.js';
import { TestBrowser } from '../test-support/test-browser.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * Host-header trust and DNS rebinding, over raw HTTP so that Host, Origin
 * and X-Forwarded-* are exactly what an attacker sends.
 */

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<RawAnswer> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        setHost: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};

let hub: TestHub;
let hubHost: string;
let provider: Awaited<ReturnType<typeof startFakeOAuthProvider>>;

beforeAll(async () => {
  hub = await startTestHub({
    plugins: ['@mcpist/plugin-google-calendar'],
    http: { allowedHosts: ['mcpist.lan'] },
  });
  hubHost = new URL(hub.url).host;
  provider = await startFakeOAuthProvider();
  const admin = { authorization: `Bearer ${hub.token}`, host: hubHost };
  const configured = await raw(hub.url, 'PUT', '/api/oauth-apps/google-calendar', admin, {
    client_id: 'mcpist-test-client',
    client_secret: 'fake-client-secret-0000',
    settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
  });
  expect(configured.status).toBe(200);
});

afterAll(async () => {
  await hub?.close();
  await provider?.close();
});

describe('DNS-rebinding protection on a loopback-bound server', () => {
  const auth = () => ({ authorization: `Bearer ${hub.token}` });

  it.each([
    ['/mcp', 'POST'],
    ['/api/auth/me', 'GET'],
    ['/api/profile/services', 'GET'],
    ['/.well-known/oauth-protected-resource', 'GET'],
  ])('refuses %s with a foreign Host (403) before authentication', async (path, method) => {
    for (const host of ['evil.example', 'evil.example:666', `attacker.test:${new URL(hub.url).port}`]) {
      const answer = await raw(hub.url, method, path, { ...auth(), host }, method === 'POST' ? initialize : undefined);
      expect({ host, status: answer.status }).toEqual({ host, status: 403 });
    }
  });

  it('refuses a foreign Origin with a local Host (403), and accepts a local one', async () => {
    const foreign = await raw(
      hub.url,
      'POST',
      '/mcp',
      { ...auth(), host: hubHost, origin: 'http://evil.example' },
      initialize,
    );
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe(-32600);
    const nullOrigin = await raw(hub.url, 'POST', '/mcp', { ...auth(), host: hubHost, origin: 'null' }, initialize);
    expect(nullOrigin.status).toBe(403);
    for (const origin of [`http://${hubHost}`, 'http://localhost:6274', 'http://mcpist.lan']) {
      const local = await raw(hub.url, 'POST', '/mcp', { ...auth(), host: hubHost, origin }, initialize);
      expect({ origin, status: local.status }).toEqual({ origin, status: 200 });
    }
  });

  it('accepts localhost, 127.0.0.1 and an allowed name', async () => {
    const port = new URL(hub.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'mcpist.lan']) {
      const answer = await raw(hub.url, 'POST', '/mcp', { ...auth(), host }, initialize);
      expect({ host, status: answer.status }).toEqual({ host, status: 200 });
    }
  });

  it('leaves /health and /metrics to probes and scrapers whatever the Host', async () => {
    expect((await raw(hub.url, 'GET', '/health', { host: '10.1.2.3:8088' })).status).toBe(200);
    expect((await raw(hub.url, 'GET', '/metrics', { host: '10.1.2.3:8088' })).status).toBe(200);
  });

  it('ignores X-Forwarded-Host from an untrusted peer', async () => {
    const answer = await raw(hub.url, 'GET', '/api/auth/me', {
      ...auth(),
      host: hubHost,
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'javascript',
    });
    expect(answer.status).toBe(200);
  });
});

describe('links and redirect URIs', () => {
  const hostile = { host: 'mcpist.lan', 'x-forwarded-host': 'evil.example:666', 'x-forwarded-proto': 'javascript' };

  it('name the listen address in the OAuth redirect URI and connect link, whatever Host and X-Forwarded-* say', async () => {
    const started = await raw(hub.url, 'POST', '/api/profile/services/google-calendar/oauth/start', {
      authorization: `Bearer ${hub.token}`,
      ...hostile,
    });
    expect(started.status).toBe(200);
    const link = (JSON.parse(started.body) as { connect_url: string }).connect_url;
    expect(link.startsWith(`${hub.url}/connect/google-calendar?flow=`)).toBe(true);
    const { location } = await new TestBrowser().continue(link);
    const redirectUri = new URL(location ?? '').searchParams.get('redirect_uri') ?? '';
    expect(redirectUri.startsWith(`${hub.url}/api/services/google-calendar/oauth/callback`)).toBe(true);
  });

  it('name the listen address in WWW-Authenticate and the protected-resource metadata', async () => {
    const denied = await raw(hub.url, 'POST', '/mcp', hostile, initialize);
    expect(denied.status).toBe(401);
    expect(String(denied.headers['www-authenticate'])).toContain(`resource_metadata="${hub.url}/.well-known/`);
    const metadata = await raw(hub.url, 'GET', '/.well-known/oauth-protected-resource', hostile);
    expect(JSON.parse(metadata.body).resource).toBe(`${hub.url}/mcp`);
  });
});

describe('behind a trusted proxy', () => {
  let proxied: TestHub;
  beforeAll(async () => {
    proxied = await startTestHub({ http: { trustedProxies: ['loopback'] }, publicUrl: 'https://mcpist.example.com' });
  });
  afterAll(async () => proxied?.close());

  it('believes X-Forwarded-Host from the proxy, and still refuses a foreign one', async () => {
    const auth = { authorization: `Bearer ${proxied.token}`, host: new URL(proxied.url).host };
    const forwarded = await raw(proxied.url, 'GET', '/api/auth/me', {
      ...auth,
      'x-forwarded-host': 'mcpist.example.com',
    });
    expect(forwarded.status).toBe(200);
    const foreign = await raw(proxied.url, 'GET', '/api/auth/me', { ...auth, 'x-forwarded-host': 'evil.example' });
    expect(foreign.status).toBe(403);
  });
});
