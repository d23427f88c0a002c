import type { ModuleCatalog } from '../plugins/module-catalog.js';

/**
 * The masks a role gets for modules enabled without masks of their own: every
 * `dangerous` tool of each module (DESIGN §4: off by default in new roles).
 * Modules the catalog does not hold, or without dangerous tools, get none.
 */
export function dangerousMasks(catalog: ModuleCatalog, modules: readonly string[]): Record<string, string[]> {
  const masks: Record<string, string[]> = {};
  for (const name of new Set(modules)) {
    const module = catalog.modules.get(name);
    if (!module) continue;
    const dangerous = [...module.tools.values()]
      .filter((tool) => tool.definition.dangerous)
      .map((tool) => tool.definition.name);
    if (dangerous.length > 0) masks[name] = dangerous;
  }
  return masks;
}
