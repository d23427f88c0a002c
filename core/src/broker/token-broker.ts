import type { Principal } from '../auth/principal.js';
import type { KeyRing } from '../secrets/key-ring.js';
import type { CredentialsRepository } from '../store/repositories/credentials-repository.js';
import type { CredentialSource, ResolvedCredential } from './credential-source.js';

/**
 * The store-backed Token Broker: reads encrypted credentials and decrypts
 * them for one call. Foundation scope: personal type-A tokens; shared role
 * credentials and OAuth refresh come with the Token Broker issue.
 */
export class TokenBroker implements CredentialSource {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly keyRing: KeyRing,
  ) {}

  async credentialFor(principal: Principal, service: string): Promise<ResolvedCredential | undefined> {
    const row = await this.credentials.findPersonal(principal.userId, service);
    if (!row) return undefined;
    return {
      accountId: row.id,
      credential: {
        kind: row.kind,
        token: this.keyRing.decrypt(row.secret),
        fields: row.fields ?? {},
        ...(row.scopes ? { scopes: row.scopes } : {}),
      },
    };
  }

  /** Stores (or replaces) a user's type-A token for a service, encrypted. */
  async setPersonalToken(
    userId: string,
    service: string,
    token: string,
    fields: Record<string, string> = {},
  ): Promise<void> {
    const { ciphertext, keyId } = this.keyRing.encrypt(token);
    await this.credentials.upsertPersonalToken(userId, service, ciphertext, keyId, fields);
  }
}
