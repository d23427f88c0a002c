import { createLogger, format, type Logger, transports } from 'winston';
import { redactFormat } from './redact.js';

export type { Logger } from 'winston';

export interface LoggerOptions {
  level: string;
  /** `stderr` when stdout carries the MCP protocol (stdio mode). */
  stream?: 'stdout' | 'stderr';
}

/**
 * JSON lines with the seed's fields (timestamp, level, message, module, tool,
 * user_id, account_id, duration_ms, success, request_id, error_code).
 * Redaction runs first, so no transport ever sees a secret.
 */
export function createMcpistLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? 'stdout';
  return createLogger({
    level: options.level,
    format: format.combine(redactFormat(), format.timestamp(), format.json()),
    defaultMeta: { service: 'mcpist' },
    transports: [
      new transports.Console({
        stderrLevels: stream === 'stderr' ? ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] : [],
      }),
    ],
  });
}
