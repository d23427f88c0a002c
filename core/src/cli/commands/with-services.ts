import type { McpistConfig } from '../../config/config-schema.js';
import { type ComposeOptions, compose, disposeContainer } from '../../container/compose.js';
import { type DepRefs, type Deps, resolveDeps } from '../../container/declared-deps.js';

/**
 * Runs a one-shot command against a composed hub, then releases it. The
 * command declares the services it needs as tokens and receives exactly
 * those; it never sees the container.
 */
export async function withServices<D extends DepRefs, T>(
  config: McpistConfig,
  options: ComposeOptions,
  deps: D,
  command: (services: Deps<D>) => Promise<T>,
): Promise<T> {
  const c = await compose(config, { logStream: 'stderr', ...options });
  try {
    return await command(resolveDeps(c, deps));
  } finally {
    await disposeContainer(c);
  }
}

// Kept here for existing importers; commands import it from user-for.ts, which does not load the container.
export { userFor } from './user-for.js';
