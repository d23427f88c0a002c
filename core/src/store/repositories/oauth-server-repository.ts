import type { Queryable } from '../database.js';

/** One record of the authorization server (a grant, a code, a token, ...), as the store keeps it. */
export interface OAuthServerRecord {
  payload: Record<string, unknown>;
  consumed: boolean;
}

export interface OAuthServerRecordInput {
  payload: Record<string, unknown>;
  grantId: string | undefined;
  uid: string | undefined;
  accountId: string | undefined;
  clientId: string | undefined;
  expiresAt: Date | undefined;
}

/** A grant as "connected apps" lists it. */
export interface OAuthGrantRow {
  grant_id: string;
  client_id: string;
  /** The registered client's name; null for metadata-document clients and unnamed ones. */
  client_name: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
  expires_at: Date | null;
}

interface RecordRow {
  payload: Record<string, unknown>;
  consumed_at: Date | null;
}

const LIVE = '(expires_at is null or expires_at > now())';

/**
 * The authorization server's records (ADR 0041), keyed by model and the
 * SHA-256 of the record's id. Expired records are never returned and are
 * swept as new ones are written.
 */
export class OAuthServerRepository {
  private writes = 0;

  constructor(private readonly db: Queryable) {}

  async upsert(model: string, idHash: string, input: OAuthServerRecordInput): Promise<void> {
    await this.db.query(
      `insert into public.oauth_server_records (model, id_hash, payload, grant_id, uid, account_id, client_id, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (model, id_hash) do update set payload = excluded.payload, grant_id = excluded.grant_id,
         uid = excluded.uid, account_id = excluded.account_id, client_id = excluded.client_id,
         expires_at = excluded.expires_at`,
      [
        model,
        idHash,
        JSON.stringify(input.payload),
        input.grantId ?? null,
        input.uid ?? null,
        input.accountId ?? null,
        input.clientId ?? null,
        input.expiresAt ?? null,
      ],
    );
    // Sweep now and then: expired codes and tokens are of no use to anyone.
    this.writes += 1;
    if (this.writes % 100 === 1) {
      await this.db.query(`delete from public.oauth_server_records where expires_at < now() - interval '1 day'`);
    }
  }

  async find(model: string, idHash: string): Promise<OAuthServerRecord | undefined> {
    const rows = await this.db.query<RecordRow>(
      `select payload, consumed_at from public.oauth_server_records where model = $1 and id_hash = $2 and ${LIVE}`,
      [model, idHash],
    );
    const row = rows[0];
    return row ? { payload: row.payload, consumed: row.consumed_at !== null } : undefined;
  }

  async findByUid(model: string, uid: string): Promise<{ idHash: string; record: OAuthServerRecord } | undefined> {
    const rows = await this.db.query<RecordRow & { id_hash: string }>(
      `select id_hash, payload, consumed_at from public.oauth_server_records where model = $1 and uid = $2 and ${LIVE}`,
      [model, uid],
    );
    const row = rows[0];
    return row
      ? { idHash: row.id_hash, record: { payload: row.payload, consumed: row.consumed_at !== null } }
      : undefined;
  }

  async consume(model: string, idHash: string): Promise<void> {
    await this.db.query(
      `update public.oauth_server_records set consumed_at = now() where model = $1 and id_hash = $2`,
      [model, idHash],
    );
  }

  async destroy(model: string, idHash: string): Promise<void> {
    await this.db.query(`delete from public.oauth_server_records where model = $1 and id_hash = $2`, [model, idHash]);
  }

  /** Removes every code and token issued under a grant (and the grant itself when `includeGrant`). */
  async revokeByGrantId(grantId: string): Promise<number> {
    const rows = await this.db.query<{ model: string }>(
      `delete from public.oauth_server_records where grant_id = $1 returning model`,
      [grantId],
    );
    return rows.length;
  }

  /** A user's live grants, newest first, with the registered client's name. */
  async grantsOf(accountId: string): Promise<OAuthGrantRow[]> {
    return this.db.query<OAuthGrantRow>(
      `select g.grant_id, g.client_id, c.payload ->> 'client_name' as client_name, g.payload, g.created_at, g.expires_at
         from public.oauth_server_records g
         left join public.oauth_server_records c on c.model = 'Client' and c.client_id = g.client_id
        where g.model = 'Grant' and g.account_id = $1 and (g.expires_at is null or g.expires_at > now())
        order by g.created_at desc`,
      [accountId],
    );
  }

  /** Revokes one of the user's grants with every code and token issued under it; false when it is not theirs. */
  async revokeGrantOf(accountId: string, grantId: string): Promise<boolean> {
    const rows = await this.db.query<{ model: string }>(
      `delete from public.oauth_server_records
        where grant_id = $1
          and exists (select 1 from public.oauth_server_records
                       where model = 'Grant' and grant_id = $1 and account_id = $2)
        returning model`,
      [grantId, accountId],
    );
    return rows.length > 0;
  }
}
