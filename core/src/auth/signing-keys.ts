import { createHmac } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'ES256';

interface StoredKey {
  kid: string;
  /** The private key as a JWK (it holds the public part too). */
  jwk: JWK;
  createdAt: string;
  /** Set when a newer key took over; the public key stays published for a grace period. */
  retiredAt?: string;
}

interface SigningKeyFile {
  active: string;
  keys: StoredKey[];
}

interface LoadedKey extends StoredKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

const newKid = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function freshKey(): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  return { kid: newKid(), jwk: await exportJWK(privateKey), createdAt: new Date().toISOString() };
}

async function load(stored: StoredKey): Promise<LoadedKey> {
  const privateKey = (await importJWK({ ...stored.jwk, alg: SIGNING_ALGORITHM }, SIGNING_ALGORITHM)) as CryptoKey;
  const { kty, crv, x, y } = stored.jwk;
  return { ...stored, privateKey, publicJwk: { kty, crv, x, y, kid: stored.kid, alg: SIGNING_ALGORITHM, use: 'sig' } };
}

function write(path: string, file: SigningKeyFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

function read(path: string): SigningKeyFile {
  let file: SigningKeyFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as SigningKeyFile;
  } catch (error) {
    throw new Error(`signing key file ${path} is not readable JSON: ${(error as Error).message}`);
  }
  if (typeof file.active !== 'string' || !Array.isArray(file.keys) || !file.keys.some((k) => k.kid === file.active)) {
    throw new Error(`signing key file ${path} must hold {"active": "<kid>", "keys": [{"kid", "jwk", ...}]}`);
  }
  return file;
}

/**
 * MCPist's own ES256 signing keys (one active, earlier ones retired), kept in
 * a 0600 file beside the encryption key file. A retired key's public half
 * stays in the JWKS for `graceSeconds`, so tokens it signed live out their
 * lifetime after a rotation.
 */
export class SigningKeys {
  private constructor(
    private readonly keys: readonly LoadedKey[],
    private readonly activeKid: string,
    private readonly graceSeconds: number,
  ) {}

  private static async from(file: SigningKeyFile, graceSeconds: number): Promise<SigningKeys> {
    return new SigningKeys(await Promise.all(file.keys.map(load)), file.active, graceSeconds);
  }

  /** One fresh key held in memory only (in-memory store, tests). */
  static async generate(graceSeconds = 86_400): Promise<SigningKeys> {
    const key = await freshKey();
    return SigningKeys.from({ active: key.kid, keys: [key] }, graceSeconds);
  }

  /** Loads the key file, creating it (mode 0600) with one key when absent. */
  static async loadOrCreate(path: string, graceSeconds = 86_400): Promise<{ keys: SigningKeys; created: boolean }> {
    if (existsSync(path)) return { keys: await SigningKeys.from(read(path), graceSeconds), created: false };
    const key = await freshKey();
    const file = { active: key.kid, keys: [key] };
    write(path, file);
    return { keys: await SigningKeys.from(file, graceSeconds), created: true };
  }

  /**
   * Adds a new active key to the file and retires the previous one; keys
   * retired longer than `graceSeconds` ago are dropped. Servers read the file
   * at start. Returns the new key id.
   */
  static async rotate(path: string, graceSeconds = 86_400, now = new Date()): Promise<string> {
    const file = read(path);
    const key = await freshKey();
    const cutoff = now.getTime() - graceSeconds * 1000;
    const kept = file.keys
      .map((k) => (k.kid === file.active ? { ...k, retiredAt: now.toISOString() } : k))
      .filter((k) => !k.retiredAt || Date.parse(k.retiredAt) > cutoff);
    write(path, { active: key.kid, keys: [key, ...kept] });
    return key.kid;
  }

  /** The key that signs new tokens. */
  get active(): { kid: string; privateKey: CryptoKey } {
    const key = this.keys.find((k) => k.kid === this.activeKid) as LoadedKey;
    return { kid: key.kid, privateKey: key.privateKey };
  }

  /** The private keys as JWKs, the active one first (the authorization server signs with them). */
  privateJwks(): JWK[] {
    const ordered = [...this.keys].sort((a, b) => Number(b.kid === this.activeKid) - Number(a.kid === this.activeKid));
    return ordered.map((k) => ({ ...k.jwk, kid: k.kid, alg: SIGNING_ALGORITHM, use: 'sig' }));
  }

  /** A secret derived from the active key for `purpose` (cookie signing keys), the same on every instance sharing the key file. */
  derivedSecret(purpose: string): string {
    const active = this.keys.find((k) => k.kid === this.activeKid) as LoadedKey;
    return createHmac('sha256', String(active.jwk.d)).update(purpose).digest('base64url');
  }

  /** The public keys to publish: the active one and those retired within the grace period. */
  publicJwks(now = Date.now()): JSONWebKeySet {
    const cutoff = now - this.graceSeconds * 1000;
    return {
      keys: this.keys
        .filter((k) => k.kid === this.activeKid || !k.retiredAt || Date.parse(k.retiredAt) > cutoff)
        .map((k) => k.publicJwk),
    };
  }
}
