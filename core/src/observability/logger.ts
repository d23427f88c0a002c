import { createLogger, format, type Logger, transports } from 'winston';
import { closeLokiTransports, createLokiTransport, type LokiTarget } from './loki-transport.js';
import { redactFormat } from './redact.js';

export type { Logger } from 'winston';

export interface LoggerOptions {
  level: string;
  /** `stderr` when stdout carries the MCP protocol (stdio mode). */
  stream?: 'stdout' | 'stderr';
  /** Also push every line to Grafana Loki when `url` is set (`LOKI_URL`). */
  loki?: Partial<LokiTarget> | undefined;
}

/**
 * JSON lines with the seed's fields (timestamp, level, message, module, tool,
 * user_id, account_id, duration_ms, success, request_id, error_code), to the
 * console and, when configured, to Loki. Redaction is the logger's own format
 * and so runs before every transport: no transport ever sees a secret.
 */
export function createMcpistLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? 'stdout';
  const { url, username, password } = options.loki ?? {};
  const logger = createLogger({
    level: options.level,
    format: format.combine(redactFormat(), format.timestamp(), format.json()),
    defaultMeta: { service: 'mcpist' },
    transports: [
      new transports.Console({
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
