import type { McpistConfigInput } from '../../config/config-schema.js';
import { Tokens } from '../../container/tokens.js';
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
  const dataDir = resolveDataDir(config);
  // Open the store first: its WebAssembly compiles off-thread while the HTTP stack loads.
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir });
  database.catch(() => {});
  const { startServer } = await import('../../container/mcpist-server.js');
  const server = await startServer(config, { database });
  // This process holds the embedded store: CLI commands reach it through the admin channel.
  const channel =
    config.databaseUrl || dataDir.startsWith('memory://')
      ? undefined
      : await startChannel(dataDir, server.container, { pid: process.pid, url: server.url });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await channel?.close();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function startChannel(
  dataDir: string,
  container: import('tsyringe').DependencyContainer,
  server: { pid: number; url: string },
) {
  const [{ startAdminChannel }, { ADMIN_COMMANDS }] = await Promise.all([
    import('../admin-channel/admin-channel-server.js'),
    import('../admin-channel/admin-commands.js'),
  ]);
  return startAdminChannel({
    dataDir,
    container,
    commands: ADMIN_COMMANDS,
    logger: container.resolve(Tokens.Logger),
    server,
  });
}
