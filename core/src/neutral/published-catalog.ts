import type { JsonSchema, OAuth2Declaration } from '@mcpist/plugin-sdk';
import type { ModuleStatus, SieveTool } from './allowed-tools.js';
import type { OAuthDeclaringModule } from './oauth-providers.js';

/** `get_module_schema`'s entry for a tool, as the server builds it from the plugin. */
export interface PublishedToolEntry {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  output_fields: readonly string[];
  returns: 'list' | 'record' | 'text';
  dangerous: boolean;
  readOnly: boolean;
}

/**
 * What a loaded plugin declares that the Edge Functions need, published by
 * the server in `module_registry.catalog` at each start (ADR 0042): the
 * functions load no plugin.
 */
export interface PublishedModule {
  service: string | null;
  oauth2: OAuth2Declaration | null;
  tools: PublishedToolEntry[];
}

/** A `module_registry` row as the functions read it. */
export interface PublishedRegistryRow {
  module_name: string;
  display_name: string;
  description: string;
  api_version: string;
  status: ModuleStatus;
  catalog: PublishedModule | null;
}

/** A published tool in the shape the sieve's rule reads. */
export interface PublishedTool extends SieveTool {
  module: string;
  entry: PublishedToolEntry;
}

/** A published module, in the shapes the sieve's rule and the OAuth providers read. */
export interface PublishedCatalogModule extends OAuthDeclaringModule {
  displayName: string;
  description: string;
  upstreamApiVersion: string;
  tools: ReadonlyMap<string, PublishedTool>;
}

/**
 * The catalog the server published, rebuilt from its rows in the server's
 * order (module name, as the plugins load): modules that did not load (no
 * catalog) are left out, as the server's catalog leaves them out.
 */
export function catalogFromPublished(rows: readonly PublishedRegistryRow[]): {
  modules: ReadonlyMap<string, PublishedCatalogModule>;
  statuses: ReadonlyMap<string, ModuleStatus>;
} {
  const modules = new Map<string, PublishedCatalogModule>();
  for (const row of [...rows].sort((a, b) => a.module_name.localeCompare(b.module_name))) {
    if (!row.catalog) continue;
    const tools = new Map<string, PublishedTool>();
    for (const entry of row.catalog.tools) {
      tools.set(entry.name, {
        module: row.module_name,
        qualifiedName: `${row.module_name}_${entry.name}`,
        definition: entry,
        entry,
      });
    }
    modules.set(row.module_name, {
      service: row.catalog.service ?? undefined,
      definition: { auth: row.catalog.oauth2 ? { oauth2: row.catalog.oauth2 } : undefined },
      displayName: row.display_name,
      description: row.description,
      upstreamApiVersion: row.api_version,
      tools,
    });
  }
  return { modules, statuses: new Map(rows.map((row) => [row.module_name, row.status])) };
}
