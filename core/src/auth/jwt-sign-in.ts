import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { AdminsUnitOfWork } from '../store/repositories/admins-unit-of-work.js';
import type { AllowedUsersRepository } from '../store/repositories/allowed-users-repository.js';
import type { AuthAccountsRepository } from '../store/repositories/auth-accounts-repository.js';
import type { UserRow } from '../store/repositories/users-repository.js';
import type { VerifiedJwt } from './jwt-verifier.js';
import type { Principal } from './principal.js';
import type { UsersById } from './user-cache.js';

const refuse = (message: string) => new McpistError(ErrorCodes.UNAUTHORIZED, message);

/**
 * Turns a verified JWT into a principal. MCPist's own tokens name the user
 * id; an identity provider's subject is linked to a user through
 * auth_accounts, and an unknown subject may sign in only when its email is
 * in allowed_users (the first one to do so when no admin exists becomes
 * admin).
 *
 * The subject → user link is cached for `cacheMs`, but the user row is looked
 * up on every request (from a cache that user changes empty), so a deleted
 * user or a changed system role counts on the next request.
 */
export class JwtSignIn {
  private readonly links = new Map<string, { userId: string; until: number }>();

  constructor(
    private readonly store: {
      /** Read on every request (a cache dropped on user changes, in the server). */
      users: UsersById;
      accounts: AuthAccountsRepository;
      allowed: AllowedUsersRepository;
      /** Serialises first sign-ins, so two at once cannot both become the first admin. */
      admins: AdminsUnitOfWork;
    },
    private readonly cacheMs = 60_000,
  ) {}

  async principalFor(jwt: VerifiedJwt): Promise<Principal> {
    const user = jwt.kind === 'own' ? await this.store.users.findById(jwt.subject) : await this.linkedUser(jwt);
    if (!user) throw refuse('the user of this token no longer exists');
    return { userId: user.id, email: user.email, systemRole: user.system_role, via: 'jwt' };
  }

  private async linkedUser(jwt: VerifiedJwt): Promise<UserRow | undefined> {
    const key = `${jwt.issuer}\n${jwt.subject}`;
    const cached = this.links.get(key);
    if (cached && cached.until > Date.now()) {
      const user = await this.store.users.findById(cached.userId);
      if (user) return user;
    }
    this.links.delete(key);
    const linked = await this.store.accounts.findUserId(jwt.issuer, jwt.subject);
    const user = linked ? await this.store.users.findById(linked) : await this.signUp(jwt);
    if (user) this.links.set(key, { userId: user.id, until: Date.now() + this.cacheMs });
    return user;
  }

  /** First sign-in of a subject: allowed emails only; creates or reuses the user and links the subject. */
  private async signUp(jwt: VerifiedJwt): Promise<UserRow> {
    if (!jwt.email) throw refuse('the token carries no email claim, and its subject is not linked to a user');
    if (!jwt.emailVerified) throw refuse('the email of this token is not verified by the identity provider');
    if (!(await this.store.allowed.isAllowed(jwt.email))) {
      throw refuse('this email is not allowed to sign in; ask an admin to add it to the allowed users');
    }
    const email = jwt.email;
    return this.store.admins.run(async ({ users, accounts }) => {
      const firstAdmin = (await users.countAdmins()) === 0;
      let user = (await users.findByEmail(email)) ?? (await users.create({ email, systemRole: 'user' }));
      if (!user) user = await users.findByEmail(email);
      if (!user) throw new Error('user could not be created');
      if (firstAdmin && user.system_role !== 'admin') {
        user = (await users.update(user.id, { systemRole: 'admin' })) ?? user;
      }
      await accounts.link(user.id, jwt.issuer, jwt.subject, email);
      return user;
    });
  }
}
