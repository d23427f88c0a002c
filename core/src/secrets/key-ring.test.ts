import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretCipher } from '../neutral/secret-cipher.js';
import { KeyRing, SecretDecryptionError } from './key-ring.js';

describe('KeyRing', () => {
  it('round-trips with a fresh IV each time and names its key', async () => {
    const ring = KeyRing.generate('k1');
    const a = await ring.encrypt('ghp_secret');
    const b = await ring.encrypt('ghp_secret');
    expect(a.keyId).toBe('k1');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain('ghp_secret');
    expect(await ring.decrypt(a.ciphertext)).toBe('ghp_secret');
  });

  it.each([
    ['tampered data', (c: string) => `${c.slice(0, -2)}AA`],
    [
      'a tampered tag',
      (c: string) => c.replace(/:([^:]+):([^:]*)$/, (_m, _tag, data) => `:AAAAAAAAAAAAAAAAAAAAAA:${data}`),
    ],
    ['an unknown key id', (c: string) => c.replace(':k1:', ':k9:')],
    ['an unknown format', (c: string) => c.replace('v1:', 'v0:')],
  ])('refuses %s explicitly', async (_name, mutate) => {
    const ring = KeyRing.generate('k1');
    const { ciphertext } = await ring.encrypt('secret-value');
    await expect(ring.decrypt(mutate(ciphertext))).rejects.toThrow(SecretDecryptionError);
  });

  it('refuses a ciphertext sealed under another key with the same id', async () => {
    const { ciphertext } = await KeyRing.generate('k1').encrypt('x');
    await expect(KeyRing.generate('k1').decrypt(ciphertext)).rejects.toThrow(SecretDecryptionError);
  });

  it('reads values sealed by the earlier node:crypto implementation, in the same v1 format', async () => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    const data = Buffer.concat([cipher.update('sealed-before-web-crypto', 'utf8'), cipher.final()]);
    const legacy = ['v1', 'old', iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
    const ring = new KeyRing('old', { old: key });
    expect(await ring.decrypt(legacy)).toBe('sealed-before-web-crypto');
    // And the Edge Functions' ring, built from the same key file content, reads it too.
    const shared = SecretCipher.fromJson(JSON.stringify({ active: 'old', keys: { old: key.toString('base64') } }));
    expect(await shared.decrypt(legacy)).toBe('sealed-before-web-crypto');
    expect(await ring.decrypt((await shared.encrypt('both ways')).ciphertext)).toBe('both ways');
  });

  it('creates a 0600 key file once and reads it back', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json');
    const first = KeyRing.loadOrCreate(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = KeyRing.loadOrCreate(path);
    expect(second.created).toBe(false);
    expect(await second.ring.decrypt((await first.ring.encrypt('hello')).ciphertext)).toBe('hello');
    expect(JSON.parse(readFileSync(path, 'utf8')).active).toBe(first.ring.activeKeyId);
  });
});
