import type { PublishedModule } from '../../neutral/published-catalog.js';
import type { Queryable } from '../database.js';

export type ModuleStatus = 'stable' | 'deprecated' | 'broken';

export interface ModuleRegistryRow {
  module_name: string;
  display_name: string;
  description: string;
  api_version: string;
  package_name: string | null;
  package_version: string | null;
  status: ModuleStatus;
  load_error: string | null;
  last_verified_at: Date | null;
  notes: string | null;
}

const COLUMNS = `module_name, display_name, description, api_version, package_name, package_version, status,
  load_error, last_verified_at, notes`;

export interface ModuleRegistryEntry {
  moduleName: string;
  displayName: string;
  description: string;
  apiVersion: string;
  packageName: string | undefined;
  packageVersion: string | undefined;
  /** Set for plugins that failed to load: the registry marks them broken. */
  loadError?: string | undefined;
  /** What the Edge Functions need of a loaded plugin (ADR 0042); absent for one that failed. */
  catalog?: PublishedModule | undefined;
}

/** The module registry: which plugins exist, their versions and status. */
export class ModuleRegistryRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Records the loaded (or failed) plugins. A module that loads keeps the
   * status an admin gave it; one that failed is marked broken until it loads again.
   * Returns the loaded modules not yet offered to the default roles.
   */
  async sync(entries: readonly ModuleRegistryEntry[]): Promise<{ added: string[] }> {
    const added: string[] = [];
    for (const entry of entries) {
      const rows = await this.db.query<{ offered: boolean }>(
        `insert into public.module_registry
           (module_name, display_name, description, api_version, package_name, package_version,
            status, load_error, last_verified_at, catalog)
         values ($1, $2, $3, $4, $5, $6, case when $7::text is null then 'stable' else 'broken' end, $7, now(),
                 $8::jsonb)
         on conflict (module_name) do update set
           display_name = excluded.display_name, description = excluded.description,
           api_version = excluded.api_version, package_name = excluded.package_name,
           package_version = excluded.package_version, load_error = excluded.load_error,
           catalog = excluded.catalog,
           status = case
             when excluded.load_error is not null then 'broken'
             when public.module_registry.load_error is not null then 'stable'
             else public.module_registry.status end,
           last_verified_at = now(), updated_at = now()
         returning offered_to_defaults as offered`,
        [
          entry.moduleName,
          entry.displayName,
          entry.description,
          entry.apiVersion,
          entry.packageName ?? null,
          entry.packageVersion ?? null,
          entry.loadError ?? null,
          entry.catalog ? JSON.stringify(entry.catalog) : null,
        ],
      );
      if (!entry.loadError && rows[0]?.offered === false) added.push(entry.moduleName);
    }
    return { added };
  }

  /** Records that the default roles were given these modules, so they are not given them again. */
  async markOffered(modules: readonly string[]): Promise<void> {
    if (modules.length === 0) return;
    await this.db.query('update public.module_registry set offered_to_defaults = true where module_name = any($1)', [
      [...modules],
    ]);
  }

  async list(): Promise<ModuleRegistryRow[]> {
    return this.db.query<ModuleRegistryRow>(`select ${COLUMNS} from public.module_registry order by module_name`);
  }

  /** Module names by status, for the Tool Sieve. */
  async statuses(): Promise<Map<string, ModuleStatus>> {
    const rows = await this.db.query<{ module_name: string; status: ModuleStatus }>(
      'select module_name, status from public.module_registry',
    );
    return new Map(rows.map((row) => [row.module_name, row.status]));
  }

  /** An admin's change of status or notes; undefined when there is no such module. */
  async update(
    moduleName: string,
    input: { status?: ModuleStatus | undefined; notes?: string | null | undefined },
  ): Promise<ModuleRegistryRow | undefined> {
    const rows = await this.db.query<ModuleRegistryRow>(
      `update public.module_registry
          set status = coalesce($2, status), notes = case when $3 then $4 else notes end, updated_at = now()
        where module_name = $1 returning ${COLUMNS}`,
      [moduleName, input.status ?? null, input.notes !== undefined, input.notes ?? null],
    );
    return rows[0];
  }
}
