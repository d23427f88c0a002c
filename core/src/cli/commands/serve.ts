import type { McpistConfigInput } from '../../config/config-schema.js';
import { openDatabase, resolveDataDir } from '../../store/open-database.js';
import { configFor, type GlobalOptions } from './global-options.js';

export async function serve(
  global: GlobalOptions,
  options: { port?: number; host?: string; toolMode?: 'meta' | 'direct' },
): Promise<void> {
  const overrides: McpistConfigInput = {};
  if (options.port !== undefined) overrides.port = options.port;
  if (options.host) overrides.host = options.host;
  if (options.toolMode) overrides.toolMode = options.toolMode;
  const config = configFor(global, overrides);
  // Open the store first: its WebAssembly compiles off-thread while the HTTP stack loads.
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: resolveDataDir(config) });
  database.catch(() => {});
  const { startServer } = await import('../../container/mcpist-server.js');
  const server = await startServer(config, { database });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
