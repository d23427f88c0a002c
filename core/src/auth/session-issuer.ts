import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, SignJWT } from 'jose';
import type { TrustedIssuer } from './jwt-verifier.js';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-keys.js';

/** The `aud` of MCPist's own session tokens. */
export const SESSION_AUDIENCE = 'mcpist';
/** The `iss` of MCPist's own session tokens when no public URL is configured. */
export const LOCAL_ISSUER = 'urn:mcpist:local';

export interface MintedSession {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * MCPist as its own small issuer: mints short-lived ES256 session JWTs for a
 * user (admin UI sign-in, `mcpist session create`) and describes itself as a
 * trusted issuer, so these tokens go through the same verifier as an
 * identity provider's.
 */
export class SessionIssuer {
  constructor(
    private readonly keys: SigningKeys,
    readonly issuer: string,
    readonly ttlSeconds = 900,
  ) {}

  async mint(user: { id: string; email: string }, now = Math.floor(Date.now() / 1000)): Promise<MintedSession> {
    const { kid, privateKey } = this.keys.active;
    const expiresAt = now + this.ttlSeconds;
    const token = await new SignJWT({ email: user.email, role: 'authenticated' })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(SESSION_AUDIENCE)
      .setSubject(user.id)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(privateKey);
    return { token, expiresAt };
  }

  /** What `GET /.well-known/jwks.json` serves. */
  jwks() {
    return this.keys.publicJwks();
  }

  /** This issuer as the verifier sees it: keys from the local JWKS, read at each verification. */
  trusted(): TrustedIssuer {
    return {
      issuer: this.issuer,
      audience: SESSION_AUDIENCE,
      algorithms: [SIGNING_ALGORITHM],
      kind: 'own',
      keys: (header, token) => createLocalJWKSet(this.keys.publicJwks())(header, token),
    };
  }
}
