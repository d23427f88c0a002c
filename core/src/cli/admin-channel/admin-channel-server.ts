import { chmodSync, rmSync, statSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { DependencyContainer } from 'tsyringe';
import { resolveDeps } from '../../container/declared-deps.js';
import type { Logger } from '../../observability/logger.js';
import type { AdminCommand, CommandContext } from './admin-command.js';
import {
  type ChannelFrame,
  lineReader,
  MAX_REQUEST_BYTES,
  MAX_SOCKET_PATH,
  requestSchema,
  socketPathFor,
} from './channel-protocol.js';
import { argsError } from './command-args.js';

export interface AdminChannelOptions {
  /** The embedded data folder this process holds the lock of. */
  dataDir: string;
  container: DependencyContainer;
  commands: readonly AdminCommand[];
  logger: Logger;
  server: { pid: number; url: string };
  /** A client that sends nothing for this long is dropped. */
  idleMs?: number;
}

export interface AdminChannel {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Makes the data folder private to its owner. The channel's only access
 * control is the file system: whoever can enter this folder can read the
 * database and the key file anyway.
 */
function makePrivate(dataDir: string, logger: Logger): void {
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  chmodSync(dataDir, mode & 0o700);
  logger.warn('made the data folder private to its owner (it holds the database, keys and admin channel)', {
    data_dir: dataDir,
    mode: `0${(mode & 0o700).toString(8)}`,
  });
}

/**
 * Serves the local admin channel: a Unix socket in the data folder (mode
 * 0600) through which CLI commands run in this process, against its services,
 * while it holds the embedded store. One request per connection.
 */
export async function startAdminChannel(options: AdminChannelOptions): Promise<AdminChannel | undefined> {
  const { logger } = options;
  const path = socketPathFor(options.dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    logger.warn(
      'admin channel disabled: the data folder path is too long for a Unix socket; CLI commands need the server stopped',
      {
        socket: path,
      },
    );
    return undefined;
  }
  makePrivate(options.dataDir, logger);
  // We hold the data folder's lock, so a socket file left here is a dead server's.
  rmSync(path, { force: true });
  const byName = new Map(options.commands.map((command) => [command.name, command]));
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(options.idleMs ?? 30_000, () => socket.destroy());
    let received = false;
    const send = (frame: ChannelFrame) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(frame)}\n`);
    };
    const finish = (frame: ChannelFrame) => {
      send(frame);
      socket.end();
    };
    const read = lineReader(
      MAX_REQUEST_BYTES,
      (line) => {
        if (received) return;
        received = true;
        socket.setTimeout(0);
        void handle(line, send).then(finish);
      },
      () => finish({ exit: 1, error: 'the request is too large' }),
    );
    socket.on('data', read);
  });
  async function handle(line: string, send: (frame: ChannelFrame) => void): Promise<ChannelFrame> {
    let request: { command: string; args: unknown };
    try {
      request = requestSchema.parse(JSON.parse(line));
    } catch {
      return { exit: 1, error: 'malformed admin channel request' };
    }
    const command = byName.get(request.command);
    if (!command) return { exit: 1, error: `the server does not run "${request.command}" through the admin channel` };
    const args = command.args.safeParse(request.args);
    if (!args.success) return { exit: 1, error: argsError(command.name, args.error) };
    const context: CommandContext = {
      out: (text) => send({ out: text }),
      err: (text) => send({ err: text }),
      server: options.server,
    };
    try {
      await command.run(resolveDeps(options.container, command.deps), args.data, context);
      logger.info('admin command', { command: command.name, success: true });
      return { exit: 0 };
    } catch (error) {
      // The message is what the command line would print; arguments (a secret, perhaps) are never logged.
      logger.info('admin command', { command: command.name, success: false });
      return { exit: 1, error: error instanceof Error ? error.message : 'the command failed' };
    }
  }
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    chmodSync(path, 0o600);
  } catch (error) {
    logger.warn('admin channel disabled: cannot listen; CLI commands need the server stopped', {
      socket: path,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
    server.close();
    return undefined;
  }
  return {
    path,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(path, { force: true });
    },
  };
}
