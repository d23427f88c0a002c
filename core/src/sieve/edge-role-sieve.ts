import type { Logger } from 'winston';
import { type FunctionsInvoker, invokeEdgeFunction } from '../broker/supabase-credential-source.js';
import type { SieveResponse } from '../neutral/broker-protocol.js';
import type { CatalogTool, ModuleCatalog } from '../plugins/module-catalog.js';
import { RoleSieve, type RoleSieveStore } from './role-sieve.js';

/**
 * Supabase mode's Tool Sieve (ADR 0042): a user's tools come from the
 * `tool-sieve` Edge Function, asked once per user and permission epoch (the
 * RoleSieve's caching, unchanged); the server keeps the views, the denial
 * audit and the catalog's order. A tool the function names that this server
 * does not load is left out.
 */
export class EdgeRoleSieve extends RoleSieve {
  constructor(
    catalog: ModuleCatalog,
    store: RoleSieveStore,
    logger: Logger,
    private readonly client: FunctionsInvoker,
  ) {
    super(catalog, store, logger);
  }

  protected override async allowedFor(userId: string): Promise<{ tools: CatalogTool[]; deprecated: string[] }> {
    const answer = await invokeEdgeFunction<SieveResponse>(this.client, 'tool-sieve', { user_id: userId });
    const named = new Set(
      answer.modules.flatMap((module) => module.tools.map((tool) => `${module.module}\n${tool.name}`)),
    );
    const tools = [...this.catalog.modules.values()].flatMap((module) =>
      [...module.tools.values()].filter((tool) => named.has(`${module.name}\n${tool.definition.name}`)),
    );
    const served = new Set(tools.map((tool) => tool.module.name));
    const deprecated = answer.modules
      .filter((module) => module.deprecated && served.has(module.module))
      .map((module) => module.module);
    return { tools, deprecated };
  }
}
