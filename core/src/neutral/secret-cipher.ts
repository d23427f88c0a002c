/**
 * AES-256-GCM sealing of stored secrets on Web Crypto, so the MCP server
 * (Node) and the Supabase Edge Functions (Deno) share one implementation
 * (ADR 0042). Ciphertexts read `v1:<key id>:<iv>:<tag>:<data>` (base64url,
 * 96-bit random IV, 128-bit tag): a row says which key sealed it, so a
 * rotation can re-encrypt old rows.
 */

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** Web Crypto's key type, named the same way under Node's and Deno's type definitions. */
type AesKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** A secret could not be decrypted: unknown key id, tampered data, or a wrong key. Never a silent empty value. */
export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`stored secret cannot be decrypted: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

/** Seals and opens stored secrets; the server's KeyRing and the Edge Functions' ring both are one. */
export interface SecretSealer {
  /** The key new secrets are sealed with. */
  readonly activeKeyId: string;
  encrypt(plaintext: string): Promise<{ ciphertext: string; keyId: string }>;
  decrypt(ciphertext: string): Promise<string>;
  /** `ciphertext` sealed under the active key: itself when it already is, else re-encrypted. */
  reseal(ciphertext: string): Promise<string>;
}

/** The key id a value sealed by {@link SecretCipher.encrypt} names, or undefined for anything else. */
export function sealedKeyIdOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.split(':');
  return parts.length === 5 && parts[0] === FORMAT && parts[1] ? parts[1] : undefined;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Standard base64 (padding allowed), as key files and the `MCPIST_KEY_RING` secret hold keys. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return fromBase64Url(text.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
}

/**
 * A ring of AES-256-GCM keys with ids, one of them active. Imported keys are
 * kept, so a decrypt costs the cipher only.
 */
export class SecretCipher implements SecretSealer {
  private readonly keys: ReadonlyMap<string, Uint8Array<ArrayBuffer>>;
  private readonly imported = new Map<string, Promise<AesKey>>();

  constructor(
    readonly activeKeyId: string,
    keys: Readonly<Record<string, Uint8Array<ArrayBuffer>>>,
  ) {
    const map = new Map(Object.entries(keys));
    if (!map.get(activeKeyId)) throw new Error(`key ring: active key "${activeKeyId}" is not in the ring`);
    for (const [id, key] of map) {
      if (key.length !== KEY_BYTES) throw new Error(`key ring: key "${id}" must be ${KEY_BYTES} bytes`);
    }
    this.keys = map;
  }

  /**
   * A ring from its JSON form `{"active": "<id>", "keys": {"<id>": "<base64 key>"}}` — the key file's
   * content, which the Edge Functions get as the `MCPIST_KEY_RING` secret.
   */
  static fromJson(json: string): SecretCipher {
    let file: { active?: unknown; keys?: unknown };
    try {
      file = JSON.parse(json) as typeof file;
    } catch {
      throw new Error('key ring: not JSON');
    }
    if (typeof file.active !== 'string' || typeof file.keys !== 'object' || file.keys === null) {
      throw new Error('key ring: must hold {"active": "<id>", "keys": {"<id>": "<base64 key>"}}');
    }
    const keys = Object.fromEntries(
      Object.entries(file.keys as Record<string, unknown>).map(([id, key]) => [id, fromBase64(String(key))]),
    );
    return new SecretCipher(file.active, keys);
  }

  /** Every key id in the ring. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  has(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  private cryptoKey(keyId: string): Promise<AesKey> | undefined {
    const raw = this.keys.get(keyId);
    if (!raw) return undefined;
    let key = this.imported.get(keyId);
    if (!key) {
      key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
      this.imported.set(keyId, key);
    }
    return key;
  }

  async encrypt(plaintext: string): Promise<{ ciphertext: string; keyId: string }> {
    const keyId = this.activeKeyId;
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, tagLength: TAG_BYTES * 8 },
        await (this.cryptoKey(keyId) as Promise<AesKey>),
        new TextEncoder().encode(plaintext),
      ),
    );
    // Web Crypto appends the tag to the data; the stored format keeps them apart.
    const data = sealed.subarray(0, sealed.length - TAG_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const parts = [FORMAT, keyId, toBase64Url(iv), toBase64Url(tag), toBase64Url(data)];
    return { ciphertext: parts.join(':'), keyId };
  }

  async decrypt(ciphertext: string): Promise<string> {
    const [format, keyId, iv, tag, data] = ciphertext.split(':');
    if (format !== FORMAT || !keyId || !iv || !tag || data === undefined)
      throw new SecretDecryptionError('unknown format');
    const key = this.cryptoKey(keyId);
    if (!key) throw new SecretDecryptionError(`key "${keyId}" is not in the key ring`);
    try {
      const tagBytes = fromBase64Url(tag);
      const dataBytes = fromBase64Url(data);
      if (tagBytes.length !== TAG_BYTES) throw new Error('tag length');
      const joined = new Uint8Array(dataBytes.length + TAG_BYTES);
      joined.set(dataBytes);
      joined.set(tagBytes, dataBytes.length);
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(iv), tagLength: TAG_BYTES * 8 },
        await key,
        joined,
      );
      return new TextDecoder('utf-8', { fatal: true }).decode(plain);
    } catch {
      throw new SecretDecryptionError('authentication failed (wrong key or tampered data)');
    }
  }

  async reseal(ciphertext: string): Promise<string> {
    return sealedKeyIdOf(ciphertext) === this.activeKeyId
      ? ciphertext
      : (await this.encrypt(await this.decrypt(ciphertext))).ciphertext;
  }
}
