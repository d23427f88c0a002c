import type { Database, Queryable } from '../database.js';
import { isUuid } from './roles-repository.js';

export interface CredentialRow {
  id: string;
  role_id: string | null;
  user_id: string | null;
  service: string;
  kind: 'token' | 'oauth2';
  secret: string;
  refresh_secret: string | null;
  key_id: string;
  fields: Record<string, string>;
  scopes: string[] | null;
  expires_at: Date | null;
  status: 'active' | 'needs_reauth';
  updated_at: Date;
}

/** Who a credential belongs to: a user (personal) or a role (shared, `userId` null). */
export interface CredentialOwner {
  userId: string | null;
  roleId: string | null;
}

/** Encrypted material of a credential; this repository never sees plaintext. */
export interface SealedCredential {
  kind: 'token' | 'oauth2';
  secret: string;
  refreshSecret?: string | null;
  keyId: string;
  fields: Record<string, string>;
  scopes?: readonly string[] | null;
  expiresAt?: Date | null;
}

const COLUMNS =
  'id, role_id, user_id, service, kind, secret, refresh_secret, key_id, fields, scopes, expires_at, status, updated_at';
const NIL = "'00000000-0000-0000-0000-000000000000'::uuid";
const SUMMARY_SELECT = `select c.service, c.kind, u.email as user_email, r.name as role_name, c.status, c.expires_at, c.updated_at
   from public.credentials c
   left join public.users u on u.id = c.user_id and c.role_id is null
   left join public.roles r on r.id = c.role_id`;

/** Whether a user can reach a service, and how; no secret, no ciphertext. */
export interface ConnectionRow {
  service: string;
  kind: 'token' | 'oauth2';
  /** True for a credential shared through one of the user's roles. */
  shared: boolean;
  expires_at: Date | null;
  status: 'active' | 'needs_reauth';
}

/** A stored credential as the operator sees it: whose, which service, what state; no secret, no ciphertext. */
export interface CredentialSummary {
  service: string;
  kind: 'token' | 'oauth2';
  /** The owner's email for a personal credential. */
  user_email: string | null;
  /** The role's name for a shared credential. */
  role_name: string | null;
  status: 'active' | 'needs_reauth';
  expires_at: Date | null;
  updated_at: Date;
}

/** The sealed outcome of a refresh: new access token, any rotated refresh token, new expiry. */
export interface RefreshedSecrets {
  secret: string;
  refreshSecret: string | null;
  keyId: string;
  expiresAt: Date | null;
  scopes?: string[];
}

/** A credential held for one refresh: the row as it is now (undefined once removed), and where the outcome goes. */
export interface CredentialRefresh {
  current: CredentialRow | undefined;
  save(sealed: RefreshedSecrets): Promise<void>;
}

/** Encrypted service credentials; this class never sees plaintext. */
export class CredentialsRepository {
  constructor(private readonly db: Database) {}

  /** The user's personal credential for a service. */
  async findPersonal(userId: string, service: string): Promise<CredentialRow | undefined> {
    const rows = await this.db.query<CredentialRow>(
      `select ${COLUMNS} from public.credentials where user_id = $1 and service = $2 and role_id is null`,
      [userId, service],
    );
    return rows[0];
  }

  /**
   * The credential a user's calls use: their personal one, else a shared
   * credential of one of their roles (the first by role name, so the choice
   * is stable).
   */
  async findForUser(userId: string, service: string): Promise<CredentialRow | undefined> {
    const rows = await this.db.query<CredentialRow>(
      `select ${COLUMNS.split(', ')
        .map((column) => `c.${column}`)
        .join(', ')}
         from public.credentials c
         left join public.roles r on r.id = c.role_id
        where c.service = $2
          and ((c.user_id = $1 and c.role_id is null)
               or (c.user_id is null and c.role_id in (select role_id from public.user_roles where user_id = $1)))
        order by (c.user_id is null), lower(r.name)
        limit 1`,
      [userId, service],
    );
    return rows[0];
  }

  async findById(id: string): Promise<CredentialRow | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<CredentialRow>(`select ${COLUMNS} from public.credentials where id = $1`, [id]);
    return rows[0];
  }

  /**
   * Runs `work` on the credential so no other instance refreshes it at the
   * same time. On PostgreSQL: a transaction holding the row lock across
   * `work` (the token request), its outcome saved in that transaction. The
   * embedded store serves one process, where the caller's shared promise
   * already makes the refresh single; a transaction there would hold its only
   * connection — every other request — for the length of the token request,
   * so it runs without one.
   */
  whileRefreshing<T>(id: string, work: (refresh: CredentialRefresh) => Promise<T>): Promise<T> {
    const run = async (q: Queryable) => {
      const rows = await q.query<CredentialRow>(`select ${COLUMNS} from public.credentials where id = $1 for update`, [
        id,
      ]);
      return work({ current: rows[0], save: (sealed) => this.saveRefreshed(q, id, sealed) });
    };
    return this.db.kind === 'postgres' ? this.db.transaction(run) : run(this.db);
  }

  /** Saves a credential for its owner, replacing any previous one for that service. */
  async upsert(owner: CredentialOwner, service: string, sealed: SealedCredential): Promise<string> {
    const rows = await this.db.query<{ id: string }>(
      `insert into public.credentials
         (role_id, user_id, service, kind, secret, refresh_secret, key_id, fields, scopes, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
       on conflict (coalesce(role_id, ${NIL}), coalesce(user_id, ${NIL}), service)
       do update set kind = excluded.kind, secret = excluded.secret, refresh_secret = excluded.refresh_secret,
                     key_id = excluded.key_id, fields = excluded.fields, scopes = excluded.scopes,
                     expires_at = excluded.expires_at, status = 'active', last_error = null, updated_at = now()
       returning id`,
      [
        owner.roleId,
        owner.userId,
        service,
        sealed.kind,
        sealed.secret,
        sealed.refreshSecret ?? null,
        sealed.keyId,
        JSON.stringify(sealed.fields),
        sealed.scopes ? [...sealed.scopes] : null,
        sealed.expiresAt ?? null,
      ],
    );
    return (rows[0] as { id: string }).id;
  }

  /** Saves a personal type-A credential, replacing any previous one. */
  async upsertPersonalToken(
    userId: string,
    service: string,
    secret: string,
    keyId: string,
    fields: Record<string, string>,
  ): Promise<void> {
    await this.upsert({ userId, roleId: null }, service, { kind: 'token', secret, keyId, fields });
  }

  /** Stores the outcome of a refresh, on the refresh's connection (its transaction on PostgreSQL). */
  private async saveRefreshed(q: Queryable, id: string, sealed: RefreshedSecrets): Promise<void> {
    await q.query(
      `update public.credentials
          set secret = $2, refresh_secret = coalesce($3, refresh_secret), key_id = $4, expires_at = $5,
              scopes = coalesce($6, scopes), status = 'active', last_error = null, refreshed_at = now(),
              updated_at = now()
        where id = $1`,
      [id, sealed.secret, sealed.refreshSecret, sealed.keyId, sealed.expiresAt, sealed.scopes ?? null],
    );
  }

  /** Marks a credential as needing the user to connect again (refresh token revoked or expired). */
  async markNeedsReauth(id: string, reason: string): Promise<void> {
    await this.db.query(
      `update public.credentials set status = 'needs_reauth', last_error = $2, updated_at = now() where id = $1`,
      [id, reason],
    );
  }

  async delete(owner: CredentialOwner, service: string): Promise<boolean> {
    const rows = await this.db.query(
      `delete from public.credentials
        where coalesce(role_id, ${NIL}) = coalesce($1::uuid, ${NIL})
          and coalesce(user_id, ${NIL}) = coalesce($2::uuid, ${NIL}) and service = $3
        returning id`,
      [owner.roleId, owner.userId, service],
    );
    return rows.length > 0;
  }

  /** The user's connections: personal credentials first, then those shared with their roles. */
  async connectionsOf(userId: string): Promise<ConnectionRow[]> {
    return this.db.query<ConnectionRow>(
      `select service, kind, role_id is not null as shared, expires_at, status from public.credentials
        where (user_id = $1 and role_id is null)
           or (user_id is null and role_id in (select role_id from public.user_roles where user_id = $1))
        order by service, shared, updated_at desc`,
      [userId],
    );
  }

  /** Every stored credential (or one user's personal ones), without secrets. */
  async summaries(userId?: string): Promise<CredentialSummary[]> {
    return this.db.query<CredentialSummary>(
      `${SUMMARY_SELECT}
        where $1::uuid is null or (c.user_id = $1::uuid and c.role_id is null)
        order by u.email nulls last, r.name, c.service`,
      [userId ?? null],
    );
  }

  /**
   * Deletes every stored credential — personal and shared — or, given a
   * user, that user's personal ones; returns what was deleted, so the
   * operator knows which grants to revoke at each provider.
   */
  async deleteAll(userId?: string): Promise<CredentialSummary[]> {
    return this.db.query<CredentialSummary>(
      `with deleted as (
         delete from public.credentials c
          where $1::uuid is null or (c.user_id = $1::uuid and c.role_id is null)
          returning c.*)
       ${SUMMARY_SELECT.replace('public.credentials c', 'deleted c')}
       order by u.email nulls last, r.name, c.service`,
      [userId ?? null],
    );
  }
}
