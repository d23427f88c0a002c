/**
 * The errors a tool handler throws so the core can classify a failure: retry
 * it, wait, ask the user to reconnect, or report bad input. Checked by brand
 * (`isPluginError`), never by `instanceof`, because a plugin may bundle its own
 * copy of this SDK.
 */

const ERROR_BRAND = Symbol.for('mcpist.plugin-error');

/** Every kind of failure a handler can report. */
export type PluginErrorKind =
  | 'rate_limited'
  | 'upstream_transient'
  | 'upstream_permanent'
  | 'auth_expired'
  | 'auth_invalid'
  | 'invalid_input'
  | 'not_found';

/** Options shared by every plugin error. */
export interface PluginErrorOptions {
  /** The upstream HTTP status, when there was one. */
  status?: number;
  /** The underlying error; kept for logs, never shown to the user. */
  cause?: unknown;
  /**
   * True when the request provably never reached the upstream service
   * (connection refused, 429). Lets the core retry writes safely.
   */
  notDelivered?: boolean;
}

/** Base class of the typed errors. Do not throw it directly; use a subclass. */
export abstract class PluginError extends Error {
  /** What kind of failure this is; the core maps it to an MCPist error code. */
  abstract readonly kind: PluginErrorKind;
  /** The upstream HTTP status, when there was one. */
  readonly status: number | undefined;
  /** True when the request provably did not reach the service. */
  readonly notDelivered: boolean;
  readonly [ERROR_BRAND] = true;

  constructor(message: string, options: PluginErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.notDelivered = options.notDelivered ?? false;
  }
}

/** The upstream refused for rate limiting; retry after `retryAfterMs` if known. */
export class RateLimitedError extends PluginError {
  readonly kind = 'rate_limited' as const;
  /** How long the upstream asked us to wait, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: PluginErrorOptions & { retryAfterMs?: number } = {}) {
    super(message, { notDelivered: true, status: 429, ...options });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A failure that may pass on retry: 5xx, connection reset, upstream timeout. */
export class UpstreamTransientError extends PluginError {
  readonly kind = 'upstream_transient' as const;
}

/** A failure that will not pass on retry: the upstream refused the request for good. */
export class UpstreamPermanentError extends PluginError {
  readonly kind = 'upstream_permanent' as const;
}

/** The credential expired; the core refreshes it (OAuth) or asks the user to reconnect. */
export class AuthExpiredError extends PluginError {
  readonly kind = 'auth_expired' as const;
}

/** The upstream rejected the credential (401, revoked token, missing scope). */
export class AuthInvalidError extends PluginError {
  readonly kind = 'auth_invalid' as const;
}

/** The input was valid for the schema but the upstream refused it (e.g. 422). */
export class InvalidInputError extends PluginError {
  readonly kind = 'invalid_input' as const;
  /** The input field at fault, when known. */
  readonly field: string | undefined;
  constructor(message: string, options: PluginErrorOptions & { field?: string } = {}) {
    super(message, options);
    this.field = options.field;
  }
}

/** The resource asked for does not exist, or the credential may not see it. */
export class NotFoundError extends PluginError {
  readonly kind = 'not_found' as const;
}

/** True for any error thrown from any copy of this SDK's typed errors. */
export function isPluginError(error: unknown): error is PluginError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[ERROR_BRAND] === true &&
    typeof (error as { kind?: unknown }).kind === 'string'
  );
}

/**
 * Parses an HTTP `Retry-After` header (seconds or an HTTP date) into
 * milliseconds; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What `errorFromHttpStatus` needs to know about a failed upstream response. */
export interface HttpFailure {
  status: number;
  /** A short, secret-free description, e.g. "GitHub: Not Found". */
  message: string;
  /** The `Retry-After` header value, if any. */
  retryAfter?: string | null;
  cause?: unknown;
}

/**
 * Maps an upstream HTTP failure to the typed error the core expects:
 * 429 → rate limited, 401 → auth invalid, 404 → not found, 400/422 → invalid
 * input, 5xx/408 → transient, other 4xx → permanent.
 */
export function errorFromHttpStatus(failure: HttpFailure): PluginError {
  const { status, message, cause } = failure;
  if (status === 429) {
    return new RateLimitedError(message, { status, cause, retryAfterMs: parseRetryAfter(failure.retryAfter) });
  }
  if (status === 401) return new AuthInvalidError(message, { status, cause });
  if (status === 404) return new NotFoundError(message, { status, cause });
  if (status === 400 || status === 422) return new InvalidInputError(message, { status, cause });
  if (status >= 500 || status === 408) return new UpstreamTransientError(message, { status, cause });
  return new UpstreamPermanentError(message, { status, cause });
}
