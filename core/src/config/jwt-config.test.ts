import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

function cwdWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpist-jwt-config-'));
  writeFileSync(join(dir, 'mcpist.config.json'), JSON.stringify(config));
  return dir;
}

function keyOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).key;
  }
  throw new Error('expected a ConfigError');
}

const JWKS = 'https://ref.supabase.co/auth/v1/.well-known/jwks.json';

describe('jwt configuration', () => {
  it('defaults to RS256/ES256, 30 s clock tolerance and 15-minute sessions, without an external provider', () => {
    const config = loadConfig({ env: {}, cwd: cwdWith({}) });
    expect(config.jwt).toEqual({
      algorithms: ['RS256', 'ES256'],
      clockToleranceSeconds: 30,
      sessionTtlSeconds: 900,
    });
  });

  it('reads the provider from the environment', () => {
    const config = loadConfig({
      cwd: cwdWith({}),
      env: {
        MCPIST_JWT_JWKS_URL: JWKS,
        MCPIST_JWT_ISSUER: 'https://ref.supabase.co/auth/v1',
        MCPIST_JWT_AUDIENCE: 'authenticated',
        MCPIST_JWT_ALGORITHMS: 'ES256',
        MCPIST_SESSION_TTL_SECONDS: '600',
      },
    });
    expect(config.jwt).toMatchObject({
      jwksUrl: JWKS,
      issuer: 'https://ref.supabase.co/auth/v1',
      audience: 'authenticated',
      algorithms: ['ES256'],
      sessionTtlSeconds: 600,
    });
  });

  it.each([
    ['a JWKS URL without issuer', { jwt: { jwksUrl: JWKS, audience: 'authenticated' } }, 'jwt.issuer'],
    ['a JWKS URL without audience', { jwt: { jwksUrl: JWKS, issuer: 'https://x' } }, 'jwt.audience'],
    ['alg none', { jwt: { algorithms: ['none'] } }, 'jwt.algorithms.0'],
    ['an HMAC algorithm', { jwt: { algorithms: ['RS256', 'HS256'] } }, 'jwt.algorithms.1'],
    ['no algorithm at all', { jwt: { algorithms: [] } }, 'jwt.algorithms'],
    ['a JWKS URL that is not http(s)', { jwt: { jwksUrl: 'file:///etc/jwks.json' } }, 'jwt.jwksUrl'],
    ['a session shorter than a minute', { jwt: { sessionTtlSeconds: 5 } }, 'jwt.sessionTtlSeconds'],
    ['an unknown jwt key', { jwt: { secret: 'shh' } }, 'jwt.secret'],
  ])('refuses %s, naming the key', (_name, file, key) => {
    expect(keyOf(() => loadConfig({ env: {}, cwd: cwdWith(file) }))).toBe(key);
  });
});
