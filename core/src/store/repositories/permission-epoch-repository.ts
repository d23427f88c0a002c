import type { Queryable } from '../database.js';

/**
 * Reads the counter that triggers move whenever roles, role assignments,
 * role permissions, module statuses or system roles change (see the
 * identity migration). Caches keyed on it are fresh on the next request,
 * on every instance sharing the database.
 */
export class PermissionEpochRepository {
  constructor(private readonly db: Queryable) {}

  async current(): Promise<string> {
    const rows = await this.db.query<{ version: string }>(
      'select version::text as version from public.permission_epoch where singleton',
    );
    return rows[0]?.version ?? '0';
  }
}
