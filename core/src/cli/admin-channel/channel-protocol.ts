import { join } from 'node:path';
import { z } from 'zod';

/** The admin channel's socket, inside the embedded data folder (which only its owner may enter). */
export const socketPathFor = (dataDir: string): string => join(dataDir, 'admin.sock');

/** Unix socket paths longer than this do not fit `sockaddr_un` (108 bytes on Linux, 104 on macOS). */
export const MAX_SOCKET_PATH = 103;

/** A request is one JSON line; a secret read from stdin travels inside it, never on a command line. */
export const MAX_REQUEST_BYTES = 1_000_000;

/** The one request a client sends: a command name and its arguments. */
export const requestSchema = z.strictObject({ command: z.string().max(100), args: z.unknown() });
export type ChannelRequest = z.infer<typeof requestSchema>;

/**
 * What the server answers, one JSON line each: output as it is written, then
 * the outcome. `exit` is the code the local command would have exited with.
 */
export type ChannelFrame = { out: string } | { err: string } | { exit: 0 } | { exit: 1; error: string };

export const frameSchema = z.union([
  z.strictObject({ out: z.string() }),
  z.strictObject({ err: z.string() }),
  z.strictObject({ exit: z.literal(0) }),
  z.strictObject({ exit: z.literal(1), error: z.string() }),
]);

/** Splits a byte stream into lines, refusing a line longer than `max` bytes. */
export function lineReader(max: number, onLine: (line: string) => void, onTooLong: () => void) {
  let buffered = '';
  return (chunk: Buffer | string) => {
    buffered += chunk.toString();
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
    if (Buffer.byteLength(buffered) > max) {
      buffered = '';
      onTooLong();
    }
  };
}
