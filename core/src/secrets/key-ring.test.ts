import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyRing, SecretDecryptionError } from './key-ring.js';

describe('KeyRing', () => {
  it('round-trips with a fresh IV each time and names its key', () => {
    const ring = KeyRing.generate('k1');
    const a = ring.encrypt('ghp_secret');
    const b = ring.encrypt('ghp_secret');
    expect(a.keyId).toBe('k1');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain('ghp_secret');
    expect(ring.decrypt(a.ciphertext)).toBe('ghp_secret');
  });

  it.each([
    ['tampered data', (c: string) => `${c.slice(0, -2)}AA`],
    ['an unknown key id', (c: string) => c.replace(':k1:', ':k9:')],
    ['an unknown format', (c: string) => c.replace('v1:', 'v0:')],
  ])('refuses %s explicitly', (_name, mutate) => {
    const ring = KeyRing.generate('k1');
    const { ciphertext } = ring.encrypt('secret-value');
    expect(() => ring.decrypt(mutate(ciphertext))).toThrow(SecretDecryptionError);
  });

  it('refuses a ciphertext sealed under another key with the same id', () => {
    const { ciphertext } = KeyRing.generate('k1').encrypt('x');
    expect(() => KeyRing.generate('k1').decrypt(ciphertext)).toThrow(SecretDecryptionError);
  });

  it('creates a 0600 key file once and reads it back', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mcpist-keys-')), 'keys.json');
    const first = KeyRing.loadOrCreate(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = KeyRing.loadOrCreate(path);
    expect(second.created).toBe(false);
    expect(second.ring.decrypt(first.ring.encrypt('hello').ciphertext)).toBe('hello');
    expect(JSON.parse(readFileSync(path, 'utf8')).active).toBe(first.ring.activeKeyId);
  });
});
