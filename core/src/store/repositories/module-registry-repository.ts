import type { Queryable } from '../database.js';

export interface ModuleRegistryEntry {
  moduleName: string;
  displayName: string;
  description: string;
  apiVersion: string;
  packageName: string | undefined;
  packageVersion: string | undefined;
  /** Set for plugins that failed to load: the registry marks them broken. */
  loadError?: string | undefined;
}

/** The module registry: which plugins exist, their versions and status. */
export class ModuleRegistryRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Records the loaded (or failed) plugins. A module that loads keeps the
   * status an admin gave it; one that failed is marked broken until it loads again.
   */
  async sync(entries: readonly ModuleRegistryEntry[]): Promise<void> {
    for (const entry of entries) {
      await this.db.query(
        `insert into public.module_registry
           (module_name, display_name, description, api_version, package_name, package_version,
            status, load_error, last_verified_at)
         values ($1, $2, $3, $4, $5, $6, case when $7::text is null then 'stable' else 'broken' end, $7, now())
         on conflict (module_name) do update set
           display_name = excluded.display_name, description = excluded.description,
           api_version = excluded.api_version, package_name = excluded.package_name,
           package_version = excluded.package_version, load_error = excluded.load_error,
           status = case
             when excluded.load_error is not null then 'broken'
             when public.module_registry.load_error is not null then 'stable'
             else public.module_registry.status end,
           last_verified_at = now(), updated_at = now()`,
        [
          entry.moduleName,
          entry.displayName,
          entry.description,
          entry.apiVersion,
          entry.packageName ?? null,
          entry.packageVersion ?? null,
          entry.loadError ?? null,
        ],
      );
    }
  }

  async list(): Promise<Array<{ module_name: string; status: string; load_error: string | null }>> {
    return this.db.query('select module_name, status, load_error from public.module_registry order by module_name');
  }
}
