import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors/error-codes.js';
import { type FakeIdentityProvider, startFakeIdentityProvider } from '../test-support/fake-identity-provider.js';
import { JwtVerifier, remoteKeys } from './jwt-verifier.js';
import { VerifiedJwtCache } from './verified-jwt-cache.js';

let idp: FakeIdentityProvider;
let verifier: JwtVerifier;
const claims = { sub: 'b9a8c7d6-0000-4000-8000-000000000001', email: 'ada@example.com' };

beforeAll(async () => {
  idp = await startFakeIdentityProvider();
  verifier = new JwtVerifier(
    [
      {
        issuer: idp.issuer,
        audience: 'authenticated',
        algorithms: ['RS256', 'ES256'],
        keys: remoteKeys(idp.jwksUrl),
        kind: 'external',
      },
    ],
    0,
  );
});
afterAll(() => idp?.close());

describe('VerifiedJwtCache', () => {
  it('checks a token once while it is valid, again once it has expired, and never keeps a refusal', async () => {
    let checks = 0;
    const counting = {
      verify: (token: string) => {
        checks++;
        return verifier.verify(token);
      },
    };
    let now = Date.now();
    const cache = new VerifiedJwtCache(counting, () => now);
    const token = await idp.sign(claims);

    const first = await cache.verify(token);
    expect(await cache.verify(token)).toBe(first);
    expect(checks).toBe(1);

    // Past `exp` by the cache's clock: back to the verifier (whose own clock still accepts it here).
    now = first.expiresAt * 1000;
    await cache.verify(token);
    expect(checks).toBe(2);

    const forged = `${token.slice(0, token.lastIndexOf('.'))}.AAAA`;
    await expect(cache.verify(forged)).rejects.toMatchObject({ code: ErrorCodes.INVALID_JWT });
    await expect(cache.verify(forged)).rejects.toMatchObject({ code: ErrorCodes.INVALID_JWT });
    expect(checks).toBe(4);
  });
});
