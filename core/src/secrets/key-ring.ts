import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES, SecretCipher, type SecretSealer } from '../neutral/secret-cipher.js';

export { SecretDecryptionError, sealedKeyIdOf } from '../neutral/secret-cipher.js';

interface KeyFile {
  active: string;
  keys: Record<string, string>;
}

/**
 * The server's key ring: the keys of a key file (followed after a rotation by
 * `mcpist keys rotate`), sealing with the runtime-neutral {@link SecretCipher}
 * the Edge Functions run too. Ciphertexts read `v1:<key id>:<iv>:<tag>:<data>`.
 */
export class KeyRing implements SecretSealer {
  private keys: Map<string, Buffer>;
  private cipher: SecretCipher;
  private active: string;
  /** The key file this ring follows, so a rotation by `mcpist keys rotate` reaches running servers. */
  private source: { path: string; mtimeMs: number; checkedAt: number } | undefined;

  constructor(activeKeyId: string, keys: Record<string, Buffer>) {
    this.keys = KeyRing.validated(activeKeyId, keys);
    this.active = activeKeyId;
    this.cipher = KeyRing.cipherOf(activeKeyId, this.keys);
  }

  private static cipherOf(active: string, keys: ReadonlyMap<string, Buffer>): SecretCipher {
    return new SecretCipher(active, Object.fromEntries([...keys].map(([id, key]) => [id, new Uint8Array(key)])));
  }

  /** The key new secrets are sealed with; follows the key file after a rotation (checked at most once a second). */
  get activeKeyId(): string {
    this.followFile(false);
    return this.active;
  }

  /** Every key id in the ring. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  private static validated(activeKeyId: string, keys: Record<string, Buffer>): Map<string, Buffer> {
    const map = new Map(Object.entries(keys));
    if (!map.get(activeKeyId)) throw new Error(`key ring: active key "${activeKeyId}" is not in the ring`);
    for (const [id, key] of map) {
      if (key.length !== KEY_BYTES) throw new Error(`key ring: key "${id}" must be ${KEY_BYTES} bytes`);
    }
    return map;
  }

  /** Re-reads the key file when it changed; `force` skips the once-a-second throttle (an unknown key id). */
  private followFile(force: boolean): void {
    const source = this.source;
    if (!source) return;
    const now = Date.now();
    if (!force && now - source.checkedAt < FOLLOW_INTERVAL_MS) return;
    source.checkedAt = now;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(source.path).mtimeMs;
    } catch {
      return;
    }
    if (mtimeMs === source.mtimeMs) return;
    const file = readKeyFile(source.path);
    this.keys = KeyRing.validated(file.active, decodeKeys(file));
    this.active = file.active;
    this.cipher = KeyRing.cipherOf(this.active, this.keys);
    source.mtimeMs = mtimeMs;
  }

  /** A ring with one fresh random key (tests, first start). */
  static generate(keyId = `k${Date.now().toString(36)}`): KeyRing {
    return new KeyRing(keyId, { [keyId]: randomBytes(KEY_BYTES) });
  }

  encrypt(plaintext: string): Promise<{ ciphertext: string; keyId: string }> {
    this.followFile(false);
    return this.cipher.encrypt(plaintext);
  }

  /** `ciphertext` sealed under the active key: itself when it already is, else re-encrypted. */
  async reseal(ciphertext: string): Promise<string> {
    const keyId = ciphertext.split(':')[1];
    return keyId === this.activeKeyId ? ciphertext : (await this.encrypt(await this.decrypt(ciphertext))).ciphertext;
  }

  decrypt(ciphertext: string): Promise<string> {
    const keyId = ciphertext.split(':')[1];
    if (keyId && !this.keys.has(keyId)) this.followFile(true);
    return this.cipher.decrypt(ciphertext);
  }

  /** Loads the ring from a key file, creating one (mode 0600) when it does not exist. */
  static loadOrCreate(path: string): { ring: KeyRing; created: boolean } {
    let created = false;
    if (!existsSync(path)) {
      const fresh = KeyRing.generate();
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, serialize(fresh.active, fresh.keys), { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
      created = true;
    }
    const file = readKeyFile(path);
    const ring = new KeyRing(file.active, decodeKeys(file));
    ring.source = { path, mtimeMs: statSync(path).mtimeMs, checkedAt: Date.now() };
    return { ring, created };
  }

  /**
   * Adds a new random key to the key file and makes it the active one,
   * keeping the old keys so existing ciphertexts stay readable. Written to a
   * temporary file and renamed, so a reader never sees half a file.
   */
  static addKeyToFile(path: string, keyId = `k${Date.now().toString(36)}`): string {
    const file = readKeyFile(path);
    if (file.keys[keyId]) throw new Error(`key file ${path} already has a key "${keyId}"`);
    const keys = decodeKeys(file);
    keys[keyId] = randomBytes(KEY_BYTES);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(keyId, new Map(Object.entries(keys))), { mode: 0o600 });
    renameSync(temporary, path);
    return keyId;
  }
}

const FOLLOW_INTERVAL_MS = 1000;

function serialize(active: string, keys: ReadonlyMap<string, Buffer>): string {
  const file: KeyFile = {
    active,
    keys: Object.fromEntries([...keys].map(([id, key]) => [id, key.toString('base64')])),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function readKeyFile(path: string): KeyFile {
  let file: KeyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  } catch (error) {
    throw new Error(`key file ${path} is not readable JSON: ${(error as Error).message}`);
  }
  if (typeof file.active !== 'string' || typeof file.keys !== 'object' || file.keys === null) {
    throw new Error(`key file ${path} must hold {"active": "<id>", "keys": {"<id>": "<base64 key>"}}`);
  }
  return file;
}

function decodeKeys(file: KeyFile): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(file.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')]));
}
