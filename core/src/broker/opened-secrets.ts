import type { SecretSealer } from '../neutral/secret-cipher.js';
import { ChangeCache } from '../store/change-cache.js';
import type { StoreChanges } from '../store/store-changes.js';

/**
 * The broker's key ring, keeping what it decrypted for the stored secrets it
 * reads on every call (DESIGN §12: decrypted-on-use credentials cached in
 * process). Web Crypto's AES-GCM costs ≈0.14 ms a call on this machine
 * class. Keyed by the sealed value, so a refreshed or replaced token is
 * never answered with the old one, and dropped whenever a credential, role
 * or user changes, on any instance, like the credential rows themselves.
 * Only the server holds it: it is the process that has the key anyway.
 */
export class OpenedSecrets implements SecretSealer {
  private readonly opened: ChangeCache<string, string>;

  constructor(
    private readonly ring: SecretSealer,
    changes: StoreChanges,
  ) {
    this.opened = new ChangeCache(changes, ['credentials', 'permission_epoch', 'users'], { maxEntries: 5_000 });
  }

  get activeKeyId(): string {
    return this.ring.activeKeyId;
  }

  encrypt(plaintext: string): Promise<{ ciphertext: string; keyId: string }> {
    return this.ring.encrypt(plaintext);
  }

  decrypt(ciphertext: string): Promise<string> {
    return this.opened.get(ciphertext, () => this.ring.decrypt(ciphertext));
  }

  reseal(ciphertext: string): Promise<string> {
    return this.ring.reseal(ciphertext);
  }
}
