import type { Queryable } from '../database.js';

export interface CredentialRow {
  id: string;
  role_id: string | null;
  user_id: string | null;
  service: string;
  kind: 'token' | 'oauth2';
  secret: string;
  key_id: string;
  fields: Record<string, string>;
  scopes: string[] | null;
  expires_at: Date | null;
  status: 'active' | 'needs_reauth';
}

const COLUMNS = 'id, role_id, user_id, service, kind, secret, key_id, fields, scopes, expires_at, status';

/** Whether a user can reach a service, and how; no secret, no ciphertext. */
export interface ConnectionRow {
  service: string;
  kind: 'token' | 'oauth2';
  /** True for a credential shared through one of the user's roles. */
  shared: boolean;
  expires_at: Date | null;
  status: 'active' | 'needs_reauth';
}

/** Encrypted service credentials; this class never sees plaintext. */
export class CredentialsRepository {
  constructor(private readonly db: Queryable) {}

  /** The user's personal credential for a service. */
  async findPersonal(userId: string, service: string): Promise<CredentialRow | undefined> {
    const rows = await this.db.query<CredentialRow>(
      `select ${COLUMNS} from public.credentials where user_id = $1 and service = $2 and role_id is null`,
      [userId, service],
    );
    return rows[0];
  }

  /** Saves a personal type-A credential, replacing any previous one. */
  async upsertPersonalToken(
    userId: string,
    service: string,
    secret: string,
    keyId: string,
    fields: Record<string, string>,
  ): Promise<void> {
    await this.db.query(
      `insert into public.credentials (user_id, service, kind, secret, key_id, fields)
       values ($1, $2, 'token', $3, $4, $5::jsonb)
       on conflict (coalesce(role_id, '00000000-0000-0000-0000-000000000000'::uuid),
                    coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid), service)
       do update set kind = 'token', secret = excluded.secret, key_id = excluded.key_id,
                     fields = excluded.fields, refresh_secret = null, expires_at = null,
                     status = 'active', updated_at = now()`,
      [userId, service, secret, keyId, JSON.stringify(fields)],
    );
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
}
