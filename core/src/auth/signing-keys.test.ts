import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors/error-codes.js';
import { JwtVerifier } from './jwt-verifier.js';
import { SessionIssuer } from './session-issuer.js';
import { SigningKeys } from './signing-keys.js';

const keyFile = () => join(mkdtempSync(join(tmpdir(), 'mcpist-signing-')), 'signing-keys.json');
const user = { id: '0b8f2a4e-1111-4222-8333-444455556666', email: 'ada@example.com' };

describe('SigningKeys', () => {
  it('creates a 0600 key file once and loads the same key afterwards', async () => {
    const path = keyFile();
    const first = await SigningKeys.loadOrCreate(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = await SigningKeys.loadOrCreate(path);
    expect(again.created).toBe(false);
    expect(again.keys.publicJwks()).toEqual(first.keys.publicJwks());
    const published = first.keys.publicJwks().keys[0];
    expect(published).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(published).not.toHaveProperty('d');
  });

  it('keeps the previous public key published after a rotation until its tokens have expired', async () => {
    const path = keyFile();
    const before = (await SigningKeys.loadOrCreate(path, 900)).keys;
    const oldToken = (await new SessionIssuer(before, 'http://mcpist.test').mint(user)).token;
    const oldKid = decodeProtectedHeader(oldToken).kid;

    const newKid = await SigningKeys.rotate(path, 900);
    const after = (await SigningKeys.loadOrCreate(path, 900)).keys;
    expect(after.active.kid).toBe(newKid);
    expect(after.publicJwks().keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    const issuer = new SessionIssuer(after, 'http://mcpist.test');
    const verifier = new JwtVerifier([issuer.trusted()]);
    await expect(verifier.verify(oldToken)).resolves.toMatchObject({ kind: 'own', subject: user.id });
    const newToken = (await issuer.mint(user)).token;
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);

    // After the grace period the retired key is no longer published, nor accepted.
    const later = Date.now() + 901_000;
    expect(after.publicJwks(later).keys.map((k) => k.kid)).toEqual([newKid]);
    // A second rotation past the grace period drops it from the file.
    await SigningKeys.rotate(path, 900, new Date(later));
    const file = JSON.parse(readFileSync(path, 'utf8')) as { keys: Array<{ kid: string }> };
    expect(file.keys.map((k) => k.kid)).not.toContain(oldKid);
  });

  it('refuses a token signed by a key it does not hold', async () => {
    const mine = new SessionIssuer(await SigningKeys.generate(), 'http://mcpist.test');
    const other = new SessionIssuer(await SigningKeys.generate(), 'http://mcpist.test');
    const verifier = new JwtVerifier([mine.trusted()]);
    const error = await verifier.verify((await other.mint(user)).token).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCodes.INVALID_JWT });
  });
});
