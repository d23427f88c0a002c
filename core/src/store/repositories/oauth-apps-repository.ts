import type { Queryable } from '../database.js';

/** Provider settings an admin may override per service (private deployments, tests against a fake). */
export interface OAuthAppSettings {
  authorizeUrl?: string;
  tokenUrl?: string;
  scopes?: string[];
  authorizeParams?: Record<string, string>;
  /** Overrides the plugin's resource lookup URL (Atlassian's accessible-resources). */
  resourceLookupUrl?: string;
}

export interface OAuthAppRow {
  service: string;
  client_id: string;
  /** AES-GCM ciphertext; null for public clients. */
  client_secret: string | null;
  key_id: string | null;
  settings: OAuthAppSettings;
  updated_at: Date;
}

/** OAuth apps (client id, encrypted client secret, settings) per service, set by admins. */
export class OAuthAppsRepository {
  constructor(private readonly db: Queryable) {}

  async find(service: string): Promise<OAuthAppRow | undefined> {
    const rows = await this.db.query<OAuthAppRow>(
      'select service, client_id, client_secret, key_id, settings, updated_at from public.oauth_apps where service = $1',
      [service],
    );
    return rows[0];
  }

  async list(): Promise<OAuthAppRow[]> {
    return this.db.query<OAuthAppRow>(
      'select service, client_id, client_secret, key_id, settings, updated_at from public.oauth_apps order by service',
    );
  }

  async upsert(
    service: string,
    app: { clientId: string; clientSecret: string | null; keyId: string | null; settings: OAuthAppSettings },
    updatedBy?: string,
  ): Promise<void> {
    await this.db.query(
      `insert into public.oauth_apps (service, client_id, client_secret, key_id, settings, updated_by)
       values ($1, $2, $3, $4, $5::jsonb, $6)
       on conflict (service) do update set client_id = excluded.client_id, client_secret = excluded.client_secret,
         key_id = excluded.key_id, settings = excluded.settings, updated_by = excluded.updated_by, updated_at = now()`,
      [service, app.clientId, app.clientSecret, app.keyId, JSON.stringify(app.settings), updatedBy ?? null],
    );
  }

  async delete(service: string): Promise<boolean> {
    return (
      (await this.db.query('delete from public.oauth_apps where service = $1 returning service', [service])).length > 0
    );
  }
}
