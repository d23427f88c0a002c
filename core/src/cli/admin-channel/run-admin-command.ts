import { resolveDataDir } from '../../store/open-database.js';
import { configFor, type GlobalOptions } from '../commands/global-options.js';
import { sendToAdminChannel } from './admin-channel-client.js';
import { type AdminCommand, type CommandOutput, processOutput } from './admin-command.js';
import { MAX_SOCKET_PATH, socketPathFor } from './channel-protocol.js';
import { argsError } from './command-args.js';

/**
 * Runs a store command: through the admin channel of a `serve` holding the
 * embedded data folder, else against a hub composed here (PostgreSQL, or no
 * server running). The arguments are checked here and again by the server.
 */
export async function runAdminCommand(
  global: GlobalOptions,
  command: AdminCommand,
  rawArgs: unknown,
  output: CommandOutput = processOutput,
): Promise<void> {
  const args = command.args.safeParse(rawArgs);
  if (!args.success) throw new Error(argsError(command.name, args.error));
  const config = configFor(global, { logLevel: command.logLevel ?? 'warn' });
  const dataDir = resolveDataDir(config);
  if (!config.databaseUrl && !dataDir.startsWith('memory://')) {
    const path = socketPathFor(dataDir);
    if (Buffer.byteLength(path) <= MAX_SOCKET_PATH) {
      if (await sendToAdminChannel(path, { command: command.name, args: args.data }, output)) return;
    }
  }
  // Only now the container (and with it every service module): the channel path above does not need it.
  const { withServices } = await import('../commands/with-services.js');
  await withServices(config, { plugins: command.plugins ?? false }, command.deps, (services) =>
    command.run(services, args.data, output),
  );
}
