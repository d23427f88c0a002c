import { connect } from 'node:net';
import type { CommandOutput } from './admin-command.js';
import { frameSchema, lineReader, MAX_REQUEST_BYTES } from './channel-protocol.js';

/** The admin channel exists but this OS user may not open it. */
export class AdminChannelDeniedError extends Error {
  constructor(path: string) {
    super(
      `permission denied on the admin channel ${path}: only the OS user that runs "mcpist serve" on this data folder can administer it`,
    );
    this.name = 'AdminChannelDeniedError';
  }
}

/** The server ran the command and it failed; the message is the command's own. */
export class AdminCommandFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminCommandFailedError';
  }
}

/**
 * Runs a command in the server listening on `path`, copying its output to
 * `output`. Resolves `false` when no server listens there (no socket, or a
 * dead one's), so the caller runs the command itself.
 */
export function sendToAdminChannel(
  path: string,
  request: { command: string; args: unknown },
  output: CommandOutput,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let connected = false;
    let outcome: 'pending' | 'done' = 'pending';
    const settle = (error?: Error) => {
      if (outcome === 'done') return;
      outcome = 'done';
      socket.destroy();
      if (error) reject(error);
      else resolve(true);
    };
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on(
      'data',
      lineReader(
        MAX_REQUEST_BYTES,
        (line) => {
          const frame = frameSchema.safeParse(safeJson(line));
          if (!frame.success) return settle(new Error('the server sent a malformed admin channel answer'));
          const value = frame.data;
          if ('out' in value) output.out(value.out);
          else if ('err' in value) output.err(value.err);
          else if (value.exit === 0) settle();
          else settle(new AdminCommandFailedError(value.error));
        },
        () => settle(new Error('the server sent an oversized admin channel answer')),
      ),
    );
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (outcome === 'done') return;
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) {
        outcome = 'done';
        resolve(false);
      } else if (error.code === 'EACCES' || error.code === 'EPERM') {
        settle(new AdminChannelDeniedError(path));
      } else {
        settle(new Error(`admin channel ${path}: ${error.code ?? error.message}`));
      }
    });
    socket.on('close', () => settle(new Error('the server closed the admin channel before the command finished')));
  });
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
