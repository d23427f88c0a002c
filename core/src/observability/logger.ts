import { createLogger, format, type Logger, transports } from 'winston';
import { jsonLine } from './json-line.js';
import { closeLokiTransports, createLokiTransport, type LokiTarget } from './loki-transport.js';
import { redactFormat } from './redact.js';

export type { Logger } from 'winston';

export interface LoggerOptions {
  level: string;
  /** `stderr` when stdout carries the MCP protocol (stdio mode). */
  stream?: 'stdout' | 'stderr';
  /** `text`: one readable line per entry, for a person at a terminal; `json` (default): JSON lines. */
  format?: 'json' | 'text';
  /** Also push every line to Grafana Loki when `url` is set (`LOKI_URL`). */
  loki?: Partial<LokiTarget> | undefined;
}

const HIDDEN_IN_TEXT = new Set(['level', 'message', 'timestamp', 'service']);

/** `12:03:04 info  mcpist listening url=http://127.0.0.1:8088 modules=["github"]`: fields after the message. */
const textLine = format.printf((entry) => {
  const time = String(entry.timestamp ?? '').slice(11, 19);
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN_IN_TEXT.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [time, entry.level.padEnd(5), entry.message, ...fields].join(' ');
});

/** Chooses the log format: readable on a terminal, JSON lines for machines, unless configured. */
export function logFormatFor(configured: 'auto' | 'json' | 'text', stream: NodeJS.WriteStream): 'json' | 'text' {
  if (configured !== 'auto') return configured;
  return stream.isTTY ? 'text' : 'json';
}

/**
 * JSON lines with the seed's fields (timestamp, level, message, module, tool,
 * user_id, account_id, duration_ms, success, request_id, error_code), to the
 * console (or readable lines, for a terminal) and, when configured, to Loki. Redaction is the logger's own format
 * and so runs before every transport: no transport ever sees a secret.
 */
export function createMcpistLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? 'stdout';
  const { url, username, password } = options.loki ?? {};
  const logger = createLogger({
    level: options.level,
    // JSON is rendered once, after redaction, for every transport (Loki sends that line); a terminal gets its own.
    format: format.combine(redactFormat(), format.timestamp(), jsonLine()),
    defaultMeta: { service: 'mcpist' },
    transports: [
      new transports.Console({
        ...(options.format === 'text' ? { format: textLine } : {}),
        stderrLevels: stream === 'stderr' ? ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] : [],
      }),
      ...(url ? [createLokiTransport({ url, username, password })] : []),
    ],
  });
  if (url && Boolean(username) !== Boolean(password)) {
    logger.warn(
      'Loki basic auth has only one half: set both LOKI_USERNAME and LOKI_PASSWORD (lokiUsername, lokiPassword)',
    );
  }
  return logger;
}

/**
 * Closes every transport, first sending what the Loki transport still holds
 * (bounded to a few seconds), so a shutdown loses no line and leaves no timer.
 */
export async function closeLogger(logger: Logger): Promise<void> {
  const pending = closeLokiTransports(logger.transports);
  logger.close();
  await pending;
}
