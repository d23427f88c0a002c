import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = 'v1';

/** A secret could not be decrypted: unknown key id, tampered data, or a wrong key. Never a silent empty value. */
export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`stored secret cannot be decrypted: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

interface KeyFile {
  active: string;
  keys: Record<string, string>;
}

/**
 * AES-256-GCM under a ring of keys with ids (96-bit random IV, 128-bit tag).
 * Ciphertexts read `v1:<key id>:<iv>:<tag>:<data>` (base64url), so a row says
 * which key sealed it and rotation can re-encrypt old rows.
 */
export class KeyRing {
  private readonly keys: Map<string, Buffer>;

  constructor(
    readonly activeKeyId: string,
    keys: Record<string, Buffer>,
  ) {
    this.keys = new Map(Object.entries(keys));
    const active = this.keys.get(activeKeyId);
    if (!active) throw new Error(`key ring: active key "${activeKeyId}" is not in the ring`);
    for (const [id, key] of this.keys) {
      if (key.length !== KEY_BYTES) throw new Error(`key ring: key "${id}" must be ${KEY_BYTES} bytes`);
    }
  }

  /** A ring with one fresh random key (tests, first start). */
  static generate(keyId = `k${Date.now().toString(36)}`): KeyRing {
    return new KeyRing(keyId, { [keyId]: randomBytes(KEY_BYTES) });
  }

  encrypt(plaintext: string): { ciphertext: string; keyId: string } {
    const key = this.keys.get(this.activeKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const parts = [
      FORMAT,
      this.activeKeyId,
      iv.toString('base64url'),
      tag.toString('base64url'),
      data.toString('base64url'),
    ];
    return { ciphertext: parts.join(':'), keyId: this.activeKeyId };
  }

  decrypt(ciphertext: string): string {
    const [format, keyId, iv, tag, data] = ciphertext.split(':');
    if (format !== FORMAT || !keyId || !iv || !tag || data === undefined)
      throw new SecretDecryptionError('unknown format');
    const key = this.keys.get(keyId);
    if (!key) throw new SecretDecryptionError(`key "${keyId}" is not in the key ring`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretDecryptionError('authentication failed (wrong key or tampered data)');
    }
  }

  /** Loads the ring from a key file, creating one (mode 0600) when it does not exist. */
  static loadOrCreate(path: string): { ring: KeyRing; created: boolean } {
    if (!existsSync(path)) {
      const ring = KeyRing.generate();
      mkdirSync(dirname(path), { recursive: true });
      const file: KeyFile = {
        active: ring.activeKeyId,
        keys: { [ring.activeKeyId]: (ring.keys.get(ring.activeKeyId) as Buffer).toString('base64') },
      };
      writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
      return { ring, created: true };
    }
    let file: KeyFile;
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    } catch (error) {
      throw new Error(`key file ${path} is not readable JSON: ${(error as Error).message}`);
    }
    if (typeof file.active !== 'string' || typeof file.keys !== 'object' || file.keys === null) {
      throw new Error(`key file ${path} must hold {"active": "<id>", "keys": {"<id>": "<base64 key>"}}`);
    }
    const keys = Object.fromEntries(Object.entries(file.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')]));
    return { ring: new KeyRing(file.active, keys), created: false };
  }
}
