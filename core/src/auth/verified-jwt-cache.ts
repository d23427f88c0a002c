import { hash } from 'node:crypto';
import type { VerifiedJwt } from './jwt-verifier.js';

/** What the authenticator asks of a JWT verifier. */
export interface VerifiesJwt {
  verify(token: string): Promise<VerifiedJwt>;
}

/**
 * Signature checks done once per token (DESIGN §12): a verified JWT is
 * remembered, by its SHA-256, until it expires — never past `exp`, so an
 * expired token goes back to the verifier and is refused there. Refusals are
 * not remembered. At most `maxEntries`, oldest out first.
 */
export class VerifiedJwtCache implements VerifiesJwt {
  private readonly verified = new Map<string, VerifiedJwt>();

  constructor(
    private readonly verifier: VerifiesJwt,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  async verify(token: string): Promise<VerifiedJwt> {
    const key = hash('sha256', token, 'base64url');
    const known = this.verified.get(key);
    if (known && this.now() < known.expiresAt * 1000) return known;
    this.verified.delete(key);
    const jwt = await this.verifier.verify(token);
    if (this.verified.size >= this.maxEntries) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(key, jwt);
    return jwt;
  }
}
