import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ErrorCode, ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import { type FakeIdentityProvider, startFakeIdentityProvider } from '../test-support/fake-identity-provider.js';
import { JwtVerifier, remoteKeys, type TrustedIssuer } from './jwt-verifier.js';

let idp: FakeIdentityProvider;
let verifier: JwtVerifier;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claims = { sub: 'b9a8c7d6-0000-4000-8000-000000000001', email: 'ada@example.com' };

function trusted(keys = remoteKeys(idp.jwksUrl)): TrustedIssuer {
  return { issuer: idp.issuer, audience: 'authenticated', algorithms: ['RS256', 'ES256'], keys, kind: 'external' };
}

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(McpistError);
    return (error as McpistError).code;
  }
}

beforeAll(async () => {
  idp = await startFakeIdentityProvider();
  verifier = new JwtVerifier([trusted()], 30);
});
afterAll(() => idp?.close());

describe('JwtVerifier against a JWKS on loopback', () => {
  it('accepts a Supabase-shaped token and returns its subject and email', async () => {
    const token = await idp.sign(claims);
    await expect(verifier.verify(token)).resolves.toMatchObject({
      kind: 'external',
      issuer: 'https://testref.supabase.co/auth/v1',
      subject: claims.sub,
      email: 'ada@example.com',
      emailVerified: true,
    });
  });

  const tamper = (token: string, part: 1 | 2) => {
    const pieces = token.split('.');
    const piece = pieces[part] as string;
    pieces[part] = `${piece.slice(0, 10)}${piece[10] === 'A' ? 'B' : 'A'}${piece.slice(11)}`;
    return pieces.join('.');
  };
  const reclaim = (token: string, change: Record<string, unknown>) => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return [header, b64({ ...decoded, ...change }), signature].join('.');
  };
  const now = () => Math.floor(Date.now() / 1000);

  it.each<[string, () => Promise<string>, ErrorCode | 'ok']>([
    ['an ES256 token', () => idp.sign(claims, { alg: 'ES256' }), 'ok'],
    ['a token expired within the clock tolerance', () => idp.sign(claims, { expiresIn: -5 }), 'ok'],
    ['an expired token', () => idp.sign(claims, { expiresIn: -120 }), ErrorCodes.JWT_EXPIRED],
    [
      'a wrong issuer',
      () => idp.sign(claims, { issuer: 'https://otherref.supabase.co/auth/v1' }),
      ErrorCodes.INVALID_JWT,
    ],
    ['a wrong audience', () => idp.sign(claims, { audience: 'anon' }), ErrorCodes.INVALID_JWT],
    [
      'alg: none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: idp.issuer, aud: 'authenticated', exp: now() + 300 })}.`,
      ErrorCodes.INVALID_JWT,
    ],
    ['an unknown kid', () => idp.sign(claims, { kid: 'no-such-key' }), ErrorCodes.INVALID_JWT],
    ['a tampered signature', async () => tamper(await idp.sign(claims), 2), ErrorCodes.INVALID_JWT],
    [
      'a tampered payload (email changed)',
      async () => reclaim(await idp.sign(claims), { email: 'mallory@example.com' }),
      ErrorCodes.INVALID_JWT,
    ],
    [
      'a key that is not published, under a published kid',
      async () => idp.sign(claims, { unpublishedKey: true, kid: idp.publicKeys()[0]?.kid as string }),
      ErrorCodes.INVALID_JWT,
    ],
    [
      'HS256 signed with the public key as the secret',
      async () => {
        const publicKey = idp.publicKeys()[0];
        return new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', kid: publicKey?.kid as string })
          .setIssuer(idp.issuer)
          .setAudience('authenticated')
          .setExpirationTime(now() + 300)
          .sign(new TextEncoder().encode(JSON.stringify(publicKey)));
      },
      ErrorCodes.INVALID_JWT,
    ],
    ['a token without sub', async () => reclaim(await idp.sign(claims), { sub: undefined }), ErrorCodes.INVALID_JWT],
    ['garbage', async () => 'garbage', ErrorCodes.INVALID_JWT],
    ['three parts of garbage', async () => 'abc.def.ghi', ErrorCodes.INVALID_JWT],
  ])('%s → %s', async (_name, make, expected) => {
    expect(await codeOf(verifier.verify(await make()))).toBe(expected);
  });

  it('never echoes the token in its message', async () => {
    const token = await idp.sign(claims, { audience: 'anon' });
    const error = (await verifier.verify(token).catch((e: unknown) => e)) as McpistError;
    expect(error).toBeInstanceOf(McpistError);
    expect(error.message).not.toContain(token.split('.')[2]);
    expect(error.message).not.toContain(token.split('.')[1]);
  });

  it('refuses to trust none or HMAC algorithms, whatever is configured', () => {
    expect(() => new JwtVerifier([{ ...trusted(), algorithms: ['HS256'] }])).toThrow(/HS256/);
    expect(() => new JwtVerifier([{ ...trusted(), algorithms: ['none'] }])).toThrow(/none/);
  });

  it('answers 4001 (not a token error) when the JWKS cannot be fetched', async () => {
    const down = new JwtVerifier([trusted(remoteKeys('http://127.0.0.1:9/jwks.json', { timeoutMs: 500 }))]);
    expect(await codeOf(down.verify(await idp.sign(claims)))).toBe(ErrorCodes.INTERNAL_ERROR);
  });
});

describe('key rotation on the JWKS side', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  // jose reads the cooldown from Date.now(): only Date is faked; HTTP and timers stay real.
  it('is picked up without restart, after jose’s cooldown, and old keys stop working', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const rotating = new JwtVerifier([trusted(remoteKeys(idp.jwksUrl, { cooldownMs: 1_000 }))]);
    const old = await idp.sign(claims);
    expect(await codeOf(rotating.verify(old))).toBe('ok');
    const fetches = idp.fetches();

    const rotation = idp.rotate(); // the published keys change at once
    const fresh = await idp.sign(claims);
    // Within the cooldown an unknown kid does not trigger a refetch: a flood of bad kids cannot hammer the provider.
    vi.advanceTimersByTime(999);
    expect(await codeOf(rotating.verify(fresh))).toBe(ErrorCodes.INVALID_JWT);
    expect(idp.fetches()).toBe(fetches);
    await rotation;

    vi.advanceTimersByTime(2);
    expect(await codeOf(rotating.verify(fresh))).toBe('ok');
    expect(idp.fetches()).toBe(fetches + 1);
    expect(await codeOf(rotating.verify(old))).toBe(ErrorCodes.INVALID_JWT);
  });
});
