import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import { ErrorCodes } from '../../errors/error-codes.js';
import { McpistError } from '../../errors/mcpist-error.js';
import type { AdminsUnitOfWork } from '../../store/repositories/admins-unit-of-work.js';
import type {
  BrowserSessionsRepository,
  SignInLinkPurpose,
} from '../../store/repositories/browser-sessions-repository.js';
import type { UsersRepository } from '../../store/repositories/users-repository.js';

/** How long a browser session lasts; sign-out ends it sooner. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A login link from `mcpist login-link` is good for this long, once. */
export const LOGIN_LINK_TTL_MS = 15 * 60 * 1000;
/** The setup link printed at start-up is good for this long, once, and only while there is no user. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;

const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const hash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

export interface StartedSession {
  /** The cookie's value: 256 random bits, stored only as its SHA-256. */
  token: string;
  expiresAt: Date;
  user: { id: string; email: string; system_role: 'admin' | 'user' };
}

const refused = (message: string) => new McpistError(ErrorCodes.UNAUTHORIZED, message);

/**
 * The admin UI's sign-in (ADR 0024): one-time links (the setup link that
 * creates the first admin, `mcpist login-link`) and API tokens pasted once
 * become a server-side session whose random token lives only in the
 * browser's HttpOnly cookie; sign-out revokes it.
 */
export class BrowserSessions {
  constructor(
    private readonly sessions: BrowserSessionsRepository,
    private readonly users: UsersRepository,
    private readonly admins: AdminsUnitOfWork,
    private readonly now: () => number = Date.now,
  ) {}

  /** A one-time link code: `setup` (no user yet) or `login` for an existing user. */
  async createLink(purpose: SignInLinkPurpose, userId: string | null): Promise<{ code: string; expiresAt: Date }> {
    const code = newSecret();
    const expiresAt = new Date(this.now() + (purpose === 'setup' ? SETUP_LINK_TTL_MS : LOGIN_LINK_TTL_MS));
    await this.sessions.insertLink(purpose, purpose === 'setup' ? null : userId, hash(code), expiresAt);
    return { code, expiresAt };
  }

  /**
   * Redeems a link: a login link signs its user in; the setup link creates the
   * first admin with `email`, under the admins lock, and only while no user
   * exists. Unknown, used and expired codes are refused alike.
   */
  async redeemLink(code: string, email?: string): Promise<StartedSession> {
    const invalid = refused(
      'this sign-in link is unknown, expired or already used (a setup link also needs an email); ask for a new one',
    );
    if (!SECRET_SHAPE.test(code)) throw invalid;
    const link = await this.sessions.consumeLink(hash(code), email !== undefined);
    if (!link) throw invalid;
    if (link.purpose === 'login') {
      const user = link.user_id ? await this.users.findById(link.user_id) : undefined;
      if (!user) throw invalid;
      return this.start(user);
    }
    if (!email) throw invalid;
    // Under the admins lock, like every change to who is admin: the first user becomes admin, once.
    const user = await this.admins.run(async ({ users }) => {
      if ((await users.list()).length > 0) return undefined;
      return (await users.ensure(email)).user;
    });
    if (!user) throw refused('MCPist already has users: ask an admin for a login link');
    return this.start(user);
  }

  /** Starts a session for a user (after a link, or an API token checked by the authenticator). */
  async start(user: { id: string; email: string; system_role: 'admin' | 'user' }): Promise<StartedSession> {
    const token = newSecret();
    const expiresAt = new Date(this.now() + SESSION_TTL_MS);
    await this.sessions.insert(user.id, hash(token), expiresAt);
    return { token, expiresAt, user: { id: user.id, email: user.email, system_role: user.system_role } };
  }

  /** The principal of a live session cookie; 1003 for anything else. */
  async principalFor(token: string): Promise<Principal> {
    const owner = SECRET_SHAPE.test(token) ? await this.sessions.findLive(hash(token)) : undefined;
    if (!owner) throw refused('the browser session is unknown, expired or signed out: sign in again');
    return { userId: owner.user_id, email: owner.email, systemRole: owner.system_role, via: 'session' };
  }

  /** Ends a session (sign-out); true when it was live. */
  async end(token: string): Promise<boolean> {
    if (!SECRET_SHAPE.test(token)) return false;
    return this.sessions.revoke(hash(token));
  }

  /** Whether the instance still waits for its first user (the setup link applies). */
  async needsSetup(): Promise<boolean> {
    return (await this.users.list()).length === 0;
  }
}
