import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { type FakeSocialIdentity, fakeSupabaseAuth } from './fake-supabase-auth.js';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export interface SignOptions {
  /** Seconds from now; negative for an expired token. Default 300. */
  expiresIn?: number;
  issuer?: string;
  audience?: string;
  /** Sign with this key id's key but name another kid in the header. */
  kid?: string;
  /** Sign with a key that is not in the JWKS. */
  unpublishedKey?: boolean;
  alg?: 'RS256' | 'ES256';
}

/**
 * A stand-in for Supabase Auth: serves a JWKS on 127.0.0.1:0 and signs
 * tokens with the claim shape Supabase issues (`sub`, `email`,
 * `role: authenticated`, `aud: authenticated`, `iss: https://<ref>.supabase.co/auth/v1`).
 * It also answers the GoTrue endpoints of a social sign-in with PKCE
 * (`fake-supabase-auth.ts`), so supabase-js and `@supabase/ssr` run against it.
 */
export interface FakeIdentityProvider {
  url: string;
  /** The project's public (anon) key the GoTrue endpoints want in `apikey`. */
  anonKey: string;
  /** Who the next social sign-in (`/auth/v1/authorize`) signs in. */
  signInAs(identity: FakeSocialIdentity): void;
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  sign(claims: { sub: string; email?: string } & JWTPayload, options?: SignOptions): Promise<string>;
  /** Replaces the published keys with fresh ones (the old keys disappear from the JWKS) at once; resolves when the next pair is ready. */
  rotate(): Promise<void>;
  /** The public keys currently published. */
  publicKeys(): JWK[];
  close(): Promise<void>;
}

let counter = 0;
async function newKey(alg: SigningKey['alg']): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `fake-${alg.toLowerCase()}-${++counter}`;
  return { kid, alg, privateKey, publicKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export async function startFakeIdentityProvider(ref = 'testref'): Promise<FakeIdentityProvider> {
  const keyPair = async () => [await newKey('RS256'), await newKey('ES256')];
  let keys = await keyPair();
  // Made ahead, so a rotation is instant and tests can time jose's cooldown.
  let next = await keyPair();
  const stray = await newKey('RS256');
  let fetches = 0;
  const issuer = `https://${ref}.supabase.co/auth/v1`;
  const anonKey = `fake-anon-key-${ref}`;
  let identity: FakeSocialIdentity = { sub: '3c1e5a7b-0000-4000-8000-00000000c0de', email: 'social@example.com' };
  async function sign(claims: { sub: string; email?: string } & JWTPayload, options: SignOptions = {}) {
    const alg = options.alg ?? 'RS256';
    const key = options.unpublishedKey ? stray : (keys.find((k) => k.alg === alg) as SigningKey);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role: 'authenticated', aal: 'aal1', session_id: 'session-1', ...claims })
      .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? 'authenticated')
      .setIssuedAt(now - 10)
      .setExpirationTime(now + (options.expiresIn ?? 300))
      .sign(key.privateKey);
  }
  const gotrue = fakeSupabaseAuth({
    anonKey,
    sign,
    nextIdentity: () => identity,
    async verify(token) {
      for (const key of keys) {
        const verified = await jwtVerify(token, key.publicKey, { issuer }).catch(() => undefined);
        if (verified) return verified.payload;
      }
      return undefined;
    },
  });
  const server = createServer((req, res) => {
    if (req.url === '/auth/v1/.well-known/jwks.json') {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
      return;
    }
    gotrue(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    anonKey,
    signInAs(next) {
      identity = next;
    },
    jwksUrl: `${url}/auth/v1/.well-known/jwks.json`,
    issuer,
    audience: 'authenticated',
    fetches: () => fetches,
    sign,
    async rotate() {
      keys = next;
      next = await keyPair();
    },
    publicKeys: () => keys.map((k) => k.publicJwk),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
