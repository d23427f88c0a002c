import { type ErrorCode, errorCodeName } from './error-codes.js';

/**
 * An error MCPist reports to a caller: a stable numeric code and a message
 * that says what to do. Messages never carry secrets; `data` is public too.
 */
export class McpistError extends Error {
  readonly code: ErrorCode;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { data?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'McpistError';
    this.code = code;
    this.data = options.data;
  }

  get codeName(): string {
    return errorCodeName(this.code);
  }

  /** The public shape: `{ code, message }` plus any public data. */
  toJSON(): { code: ErrorCode; message: string; data?: Record<string, unknown> } {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

export function isMcpistError(error: unknown): error is McpistError {
  return error instanceof McpistError;
}
