import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-error.js';
import { loadConfig } from '../../config/load-config.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';

// An admin UI on another origin (Vercel, or `next dev` on :3000) calling the
// core's /api with the session cookie (ADR 0046).
const UI = 'http://localhost:3000';
const STRANGER = 'http://localhost:3001';
let hub: TestHub;
let cookie: string;

beforeAll(async () => {
  hub = await startTestHub({ http: { allowedOrigins: [`${UI}/`] } });
  const signIn = await fetch(`${hub.url}/api/session/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: UI },
    body: JSON.stringify({ token: hub.token }),
  });
  expect(signIn.status).toBe(200);
  cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});
afterAll(() => hub?.close());

const preflight = (origin: string) =>
  fetch(`${hub.url}/api/tokens`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
const createToken = (origin: string) =>
  fetch(`${hub.url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, cookie },
    body: JSON.stringify({ name: `from ${origin}` }),
  });

describe('http.allowedOrigins', () => {
  it('answers the preflight of an allowed origin with credentials, for that exact origin only', async () => {
    const allowed = await preflight(UI);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(UI);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);

    const other = await preflight(STRANGER);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets a cookie-authenticated change from the allowed origin through, and refuses another origin (CSRF)', async () => {
    const ok = await createToken(UI);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI);
    const refused = await createToken(STRANGER);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/cross-origin/);
  });

  it('keeps the session cookie SameSite=Strict unless told otherwise', async () => {
    const signIn = await fetch(`${hub.url}/api/session/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: UI },
      body: JSON.stringify({ token: hub.token }),
    });
    expect(signIn.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
  });
});

describe('http.sessionCookieSameSite=none', () => {
  it('sets SameSite=None; Secure for a UI on another site', async () => {
    const crossSite = await startTestHub({
      publicUrl: 'https://mcpist.example.com',
      http: { allowedOrigins: ['https://admin.example.net'], sessionCookieSameSite: 'none' },
    });
    try {
      const signIn = await fetch(`${crossSite.url}/api/session/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://admin.example.net' },
        body: JSON.stringify({ token: crossSite.token }),
      });
      expect(signIn.status).toBe(200);
      const header = signIn.headers.get('set-cookie') ?? '';
      expect(header).toMatch(/SameSite=None/);
      expect(header).toMatch(/Secure/);
      expect(header).toMatch(/HttpOnly/);
    } finally {
      await crossSite.close();
    }
  });
});

describe('configuration', () => {
  const keyOf = (env: Record<string, string>) => {
    try {
      loadConfig({ env, cwd: '/', overrides: { dataDir: 'memory://' } });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).key;
    }
    throw new Error('expected a ConfigError');
  };

  it('reads MCPIST_ALLOWED_ORIGINS as a list of origins', () => {
    const config = loadConfig({
      env: { MCPIST_ALLOWED_ORIGINS: 'https://Admin.Example.com, http://localhost:3000' },
      cwd: '/',
      overrides: { dataDir: 'memory://' },
    });
    expect(config.http.allowedOrigins).toEqual(['https://admin.example.com', 'http://localhost:3000']);
  });

  it.each([
    ['a path', { MCPIST_ALLOWED_ORIGINS: 'https://admin.example.com/app' }],
    ['a wildcard', { MCPIST_ALLOWED_ORIGINS: '*' }],
    ['another scheme', { MCPIST_ALLOWED_ORIGINS: 'ftp://admin.example.com' }],
    ['SameSite=None without an https publicUrl', { MCPIST_SESSION_COOKIE_SAMESITE: 'none' }],
    ['an unknown SameSite', { MCPIST_SESSION_COOKIE_SAMESITE: 'lax' }],
  ])('refuses %s', (_case, env) => {
    expect(keyOf(env)).toMatch(/^http\./);
  });
});
