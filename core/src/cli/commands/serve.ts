import { getHeapStatistics } from 'node:v8';
import type { DependencyContainer } from 'tsyringe';
import type { McpistConfig, McpistConfigInput } from '../../config/config-schema.js';
import { Tokens } from '../../container/tokens.js';
import { publicBaseUrl } from '../../http/public-url.js';
import { type Logger, logFormatFor } from '../../observability/logger.js';
import { exposeGc } from '../../runtime/expose-gc.js';
import { type IdleCollector, startIdleCollector } from '../../runtime/idle-collector.js';
import { openDatabase, resolveDataDir } from '../../store/open-database.js';
import { MCPIST_VERSION } from '../../version.js';
import type { AdminChannel } from '../admin-channel/admin-channel-server.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { startBanner } from './start-banner.js';

export async function serve(
  global: GlobalOptions,
  options: { port?: number; host?: string; toolMode?: 'meta' | 'direct'; logFormat?: 'auto' | 'json' | 'text' },
): Promise<void> {
  const overrides: McpistConfigInput = {};
  if (options.port !== undefined) overrides.port = options.port;
  if (options.host) overrides.host = options.host;
  if (options.toolMode) overrides.toolMode = options.toolMode;
  if (options.logFormat) overrides.logFormat = options.logFormat;
  const config = configFor(global, overrides);
  const dataDir = resolveDataDir(config);
  // A signal during start-up stops the server as soon as it is up, cleanly, rather than killing it halfway.
  let stopRequested: NodeJS.Signals | undefined;
  let stopNow: ((signal: NodeJS.Signals) => Promise<void>) | undefined;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopRequested) return;
    stopRequested = signal;
    await stopNow?.(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Open the store first: its WebAssembly compiles off-thread while the HTTP stack loads.
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir });
  database.catch(() => {});
  const { startServer } = await import('../../container/mcpist-server.js');
  let channel: AdminChannel | undefined;
  const server = await startServer(config, {
    database,
    // This process holds the embedded store: CLI commands reach it through the admin channel, ready before
    // the server says it is listening.
    beforeReady: async ({ container, url }) => {
      if (!config.databaseUrl && !dataDir.startsWith('memory://')) {
        channel = await startChannel(dataDir, container, { pid: process.pid, url });
      }
    },
  });
  const logger = server.container.resolve(Tokens.Logger);
  if (logFormatFor(config.logFormat, process.stdout) === 'text') {
    process.stdout.write(await banner(config, server.container, server.port, dataDir, channel !== undefined));
  } else if ((await server.container.resolve(Tokens.UsersRepository).list()).length === 0) {
    // No terminal, so no banner with a setup link (a one-time secret has no place in a log line): say how to
    // make the first admin instead.
    logger.warn(
      'no users yet: create the first admin with `npx mcpist token create --user you@example.com` (an API token for MCP clients), then `npx mcpist login-link --user you@example.com` for the admin UI; both work while the server runs',
      { event: 'no_users' },
    );
  }
  const collector = config.idleGc ? idleCollectorFor(server, logger) : undefined;
  stopNow = async (signal) => {
    logger.info('mcpist stopping', { signal });
    collector?.stop();
    await channel?.close();
    await server.close();
    process.exit(0);
  };
  if (stopRequested) await stopNow(stopRequested);
}

/** Memory back to its idle level after a busy spell (ADR 0053); none if V8 will not hand out its collector. */
function idleCollectorFor(server: { requestsServed: number }, logger: Logger): IdleCollector | undefined {
  const collect = exposeGc();
  if (!collect) {
    logger.debug('idle garbage collection unavailable');
    return undefined;
  }
  return startIdleCollector({
    activity: () => server.requestsServed,
    heapBytes: () => getHeapStatistics().total_heap_size,
    collect,
    collected: (before, after) =>
      logger.debug('idle garbage collection', {
        heap_before_mb: Math.round(before / 1_048_576),
        heap_after_mb: Math.round(after / 1_048_576),
      }),
  });
}

async function banner(
  config: McpistConfig,
  container: DependencyContainer,
  port: number,
  dataDir: string,
  channel: boolean,
): Promise<string> {
  const report = container.resolve(Tokens.PluginReport);
  const users = await container.resolve(Tokens.UsersRepository).list();
  const baseUrl = publicBaseUrl(config.publicUrl, config.host, port);
  const setup =
    users.length === 0 ? await container.resolve(Tokens.BrowserSessions).createLink('setup', null) : undefined;
  return startBanner({
    version: MCPIST_VERSION,
    baseUrl,
    ...(setup ? { setupUrl: `${baseUrl}/login?setup=${setup.code}` } : {}),
    store: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL (PGlite) in ${dataDir}`,
    modules: report.loaded.map((plugin) => plugin.definition.name),
    skipped: report.failed.length,
    users: users.length,
    channel,
  });
}

async function startChannel(dataDir: string, container: DependencyContainer, server: { pid: number; url: string }) {
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
