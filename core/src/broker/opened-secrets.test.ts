import { describe, expect, it } from 'vitest';
import type { SecretSealer } from '../neutral/secret-cipher.js';
import { KeyRing } from '../secrets/key-ring.js';
import { openDatabase } from '../store/open-database.js';
import { StoreChanges } from '../store/store-changes.js';
import { OpenedSecrets } from './opened-secrets.js';

/** The real key ring, counting its decryptions. */
function countingRing(): SecretSealer & { decrypted: number } {
  const ring = KeyRing.generate();
  const counting = {
    decrypted: 0,
    get activeKeyId() {
      return ring.activeKeyId;
    },
    encrypt: (plaintext: string) => ring.encrypt(plaintext),
    decrypt: (ciphertext: string) => {
      counting.decrypted++;
      return ring.decrypt(ciphertext);
    },
    reseal: (ciphertext: string) => ring.reseal(ciphertext),
  };
  return counting;
}

describe('the broker’s opened secrets', () => {
  it('decrypts a stored secret once until a credential, role or user changes, and never answers for another value', async () => {
    const { db } = await openDatabase({ dataDir: 'memory://' });
    const changes = await StoreChanges.watch(db);
    try {
      const ring = countingRing();
      const opened = new OpenedSecrets(ring, changes);
      const first = (await opened.encrypt('ghp_first')).ciphertext;
      const second = (await opened.encrypt('ghp_second')).ciphertext;

      expect(await opened.decrypt(first)).toBe('ghp_first');
      expect(await opened.decrypt(first)).toBe('ghp_first');
      expect(ring.decrypted).toBe(1);
      // A replaced token is another sealed value: never the old plaintext.
      expect(await opened.decrypt(second)).toBe('ghp_second');
      expect(ring.decrypted).toBe(2);

      // Permissions moved (shared credentials follow roles): everything is decrypted afresh.
      await db.query('update public.permission_epoch set version = version + 1');
      expect(await opened.decrypt(first)).toBe('ghp_first');
      expect(ring.decrypted).toBe(3);

      // A value that does not open is refused every time, never kept.
      const tampered = `${first.slice(0, -4)}AAAA`;
      await expect(opened.decrypt(tampered)).rejects.toThrow();
      await expect(opened.decrypt(tampered)).rejects.toThrow();
      expect(ring.decrypted).toBe(5);
    } finally {
      await changes.close();
      await db.close();
    }
  });
});
