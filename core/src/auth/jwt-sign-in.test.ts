import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorCode, ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/open-database.js';
import { AdminsUnitOfWork } from '../store/repositories/admins-unit-of-work.js';
import { AllowedUsersRepository } from '../store/repositories/allowed-users-repository.js';
import { ApiTokensRepository } from '../store/repositories/api-tokens-repository.js';
import { AuthAccountsRepository } from '../store/repositories/auth-accounts-repository.js';
import { UsersRepository } from '../store/repositories/users-repository.js';
import { type FakeIdentityProvider, startFakeIdentityProvider } from '../test-support/fake-identity-provider.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../test-support/postgres-server.js';
import { Authenticator } from './authenticator.js';
import { JwtSignIn } from './jwt-sign-in.js';
import { JwtVerifier, remoteKeys } from './jwt-verifier.js';
import { SessionIssuer } from './session-issuer.js';
import { SigningKeys } from './signing-keys.js';

let idp: FakeIdentityProvider;
beforeAll(async () => {
  idp = await startFakeIdentityProvider();
});
afterAll(() => idp?.close());

interface Setup {
  authenticator: Authenticator;
  users: UsersRepository;
  allowed: AllowedUsersRepository;
  session: SessionIssuer;
  signIn(sub: string, email?: string, extra?: Record<string, unknown>): Promise<string>;
}

async function setup(db: Database): Promise<Setup> {
  const session = new SessionIssuer(await SigningKeys.generate(), 'http://mcpist.test', 900);
  const verifier = new JwtVerifier([
    {
      issuer: idp.issuer,
      audience: 'authenticated',
      algorithms: ['RS256'],
      keys: remoteKeys(idp.jwksUrl),
      kind: 'external',
    },
    session.trusted(),
  ]);
  const signIn = new JwtSignIn({
    users: new UsersRepository(db),
    accounts: new AuthAccountsRepository(db),
    allowed: new AllowedUsersRepository(db),
    admins: new AdminsUnitOfWork(db),
  });
  const authenticator = new Authenticator(new ApiTokensRepository(db), { verifier, signIn });
  return {
    authenticator,
    users: new UsersRepository(db),
    allowed: new AllowedUsersRepository(db),
    session,
    signIn: async (sub, email, extra = {}) =>
      `Bearer ${await idp.sign({ sub, ...(email ? { email } : {}), ...extra })}`,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(McpistError);
    return (error as McpistError).code;
  }
}

describe('JWT sign-in rules (embedded store)', () => {
  let db: Database;
  let s: Setup;
  beforeAll(async () => {
    ({ db } = await openDatabase({ dataDir: 'memory://' }));
    s = await setup(db);
    await s.allowed.add('first@example.com');
    await s.allowed.add('second@example.com');
    await s.allowed.add('unverified@example.com');
  });
  afterAll(() => db?.close());

  it.each<[string, () => Promise<string>]>([
    ['an email not in allowed_users', () => s.signIn('sub-stranger', 'stranger@example.com')],
    ['a token without an email claim', () => s.signIn('sub-no-email')],
    [
      'an allowed email the provider says is unverified',
      () => s.signIn('sub-unverified', 'unverified@example.com', { email_verified: false }),
    ],
  ])('refuses %s with 1003 and creates no user', async (_name, header) => {
    const before = (await s.users.list()).length;
    expect(await codeOf(s.authenticator.authenticate(await header()))).toBe(ErrorCodes.UNAUTHORIZED);
    expect(await s.users.list()).toHaveLength(before);
  });

  it('makes the first allowed user to sign in admin, the second a user, and links their subjects', async () => {
    const first = await s.authenticator.authenticate(await s.signIn('sub-first', 'First@Example.com'));
    expect(first).toMatchObject({ email: 'First@Example.com', systemRole: 'admin', via: 'jwt' });
    const second = await s.authenticator.authenticate(await s.signIn('sub-second', 'second@example.com'));
    expect(second).toMatchObject({ systemRole: 'user', via: 'jwt' });
    // The link holds: the same subject maps to the same user, whatever email it now claims.
    const again = await s.authenticator.authenticate(await s.signIn('sub-first', 'renamed@example.com'));
    expect(again.userId).toBe(first.userId);
    const links = await db.query<{ provider: string; subject: string }>(
      'select provider, subject from public.auth_accounts where user_id = $1',
      [first.userId],
    );
    expect(links).toEqual([{ provider: idp.issuer, subject: 'sub-first' }]);
  });

  it('reuses an existing user with the allowed email instead of creating another', async () => {
    const existing = await s.users.create({ email: 'existing@example.com' });
    await s.allowed.add('existing@example.com');
    const principal = await s.authenticator.authenticate(await s.signIn('sub-existing', 'existing@example.com'));
    expect(principal.userId).toBe(existing?.id);
    expect(principal.systemRole).toBe('user');
  });

  it('cuts off a deleted user on the next request, despite the link cache', async () => {
    await s.allowed.add('leaver@example.com');
    const header = await s.signIn('sub-leaver', 'leaver@example.com');
    const principal = await s.authenticator.authenticate(header);
    await s.allowed.remove('leaver@example.com');
    expect(await s.users.delete(principal.userId)).toBe(true);
    expect(await codeOf(s.authenticator.authenticate(header))).toBe(ErrorCodes.UNAUTHORIZED);
  });

  it("accepts MCPist's own session token for an existing user, refuses it once the user is gone or it expired", async () => {
    const user = await s.users.create({ email: 'session@example.com' });
    const { token } = await s.session.mint({ id: user?.id as string, email: 'session@example.com' });
    expect(await s.authenticator.authenticate(`Bearer ${token}`)).toMatchObject({
      userId: user?.id,
      via: 'jwt',
      systemRole: 'user',
    });
    const expired = await s.session.mint(
      { id: user?.id as string, email: 'session@example.com' },
      Math.floor(Date.now() / 1000) - 3_600,
    );
    expect(await codeOf(s.authenticator.authenticate(`Bearer ${expired.token}`))).toBe(ErrorCodes.JWT_EXPIRED);
    await s.users.delete(user?.id as string);
    expect(await codeOf(s.authenticator.authenticate(`Bearer ${token}`))).toBe(ErrorCodes.UNAUTHORIZED);
  });

  it('still accepts API tokens, and refuses a bearer value that is neither with 1003', async () => {
    expect(await codeOf(s.authenticator.authenticate(`Bearer mcpist_${'A'.repeat(43)}`))).toBe(ErrorCodes.UNAUTHORIZED);
    expect(await codeOf(s.authenticator.authenticate('Bearer not-a-token'))).toBe(ErrorCodes.UNAUTHORIZED);
    expect(await codeOf(s.authenticator.authenticate('Bearer abc.def.ghi'))).toBe(ErrorCodes.INVALID_JWT);
  });
});

const missing = postgresUnavailableReason();
if (missing) console.warn(`skipping the concurrent first sign-in test on PostgreSQL: ${missing}`);

describe.skipIf(missing !== undefined)('concurrent first sign-ins on a PostgreSQL server', () => {
  let postgres: TestPostgres;
  let db: Database;
  let s: Setup;
  beforeAll(async () => {
    postgres = await startTestPostgres();
    ({ db } = await openDatabase({ databaseUrl: postgres.url, dataDir: 'memory://' }));
    s = await setup(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await postgres?.stop();
  });

  it('makes exactly one of eight simultaneous first sign-ins admin', async () => {
    const emails = Array.from({ length: 8 }, (_, i) => `racer${i}@example.com`);
    for (const email of emails) await s.allowed.add(email);
    const headers = await Promise.all(emails.map((email, i) => s.signIn(`sub-racer-${i}`, email)));
    const principals = await Promise.all(headers.map((header) => s.authenticator.authenticate(header)));
    expect(principals.filter((p) => p.systemRole === 'admin')).toHaveLength(1);
    expect(await s.users.countAdmins()).toBe(1);
    expect(new Set(principals.map((p) => p.userId)).size).toBe(8);
  });

  it('links one subject once when it signs in twice at the same moment', async () => {
    await s.allowed.add('twice@example.com');
    const header = await s.signIn('sub-twice', 'twice@example.com');
    const [a, b] = await Promise.all([s.authenticator.authenticate(header), s.authenticator.authenticate(header)]);
    expect(a.userId).toBe(b.userId);
  });
});
