import {
  AuthInvalidError,
  type ErrorMappingContext,
  errorFromHttpStatus,
  InvalidInputError,
  NotFoundError,
  parseRetryAfter,
  RateLimitedError,
  type ToolContext,
  unreachableError,
} from '@mcpist/plugin-sdk';

/** The brand gaxios puts on its errors so that any copy of gaxios recognizes them. */
const GAXIOS_ERROR_BRAND = Symbol.for('gaxios-gaxios-error');

/** gaxios keeps fetch's `Headers` on error responses; plain objects are accepted too. */
type ResponseHeaders = Headers | Record<string, string | string[] | undefined>;

/** The parts of a `GaxiosError` we read; duck-typed so any googleapis/gaxios copy matches. */
interface GaxiosLikeError extends Error {
  response?: { status: number; headers?: ResponseHeaders; data?: unknown };
}

/** 403 reasons that mean "slow down", not "forbidden" (Calendar API error guide). */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/** 403 reasons that mean the token lacks the calendar scope: reconnecting with it fixes them. */
const SCOPE_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);

const MAX_MESSAGE_LENGTH = 200;

function isGaxiosError(error: unknown): error is GaxiosLikeError {
  return error instanceof Error && (GAXIOS_ERROR_BRAND in error || ('config' in error && 'response' in error));
}

function header(headers: ResponseHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface GoogleErrorBody {
  error?: {
    message?: unknown;
    status?: unknown;
    errors?: Array<{ reason?: unknown; location?: unknown; locationType?: unknown }>;
  };
}

/** Google's error text and first reason, from `{ error: { message, errors: [{ reason, location }] } }`. */
function describe(status: number, data: unknown): { message: string; reason?: string; location?: string } {
  const body = (typeof data === 'object' && data !== null ? data : {}) as GoogleErrorBody;
  const first = Array.isArray(body.error?.errors) ? body.error.errors[0] : undefined;
  const reason =
    typeof first?.reason === 'string'
      ? first.reason
      : typeof body.error?.status === 'string'
        ? body.error.status
        : undefined;
  const location =
    first?.locationType === 'parameter' && typeof first.location === 'string' ? first.location : undefined;
  const text =
    typeof body.error?.message === 'string' && body.error.message !== '' ? body.error.message : `HTTP ${status}`;
  const message = `Google Calendar: ${text}${reason ? ` (${reason})` : ''}`;
  return { message: message.slice(0, MAX_MESSAGE_LENGTH), reason, location };
}

/** Google names parameters in camelCase (`timeMax`); the tools take snake_case (`time_max`). */
function toInputField(location: string | undefined): string | undefined {
  return location?.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Maps an HTTP failure Google answered to the SDK's typed error. */
function fromResponse(error: GaxiosLikeError, response: NonNullable<GaxiosLikeError['response']>, now: number) {
  const { status } = response;
  const { message, reason, location } = describe(status, response.data);
  const retryAfter = header(response.headers, 'retry-after');
  if (status === 429 || (status === 403 && reason !== undefined && RATE_LIMIT_REASONS.has(reason))) {
    // Without Retry-After the core backs off exponentially, as Google's error guide asks.
    return new RateLimitedError(message, { status, retryAfterMs: parseRetryAfter(retryAfter, now), cause: error });
  }
  if (status === 403 && reason !== undefined && SCOPE_REASONS.has(reason)) {
    return new AuthInvalidError(`${message}: reconnect Google Calendar and grant calendar access`, {
      status,
      cause: error,
    });
  }
  if (status === 400 || status === 422) {
    return new InvalidInputError(message, { status, field: toInputField(location), cause: error });
  }
  // 410: the event was deleted already; to the caller that is "not found".
  if (status === 410) return new NotFoundError(message, { status, cause: error });
  return errorFromHttpStatus({ status, message, cause: error });
}

/**
 * The plugin's `mapError`: maps what a googleapis call threw to the SDK's
 * typed errors. The SDK lets typed errors and the caller's abort through
 * before calling it and turns undici's bare network failures into transient
 * errors after it; anything else (a bug) is returned unchanged.
 */
export function mapCalendarError(error: unknown, _context?: ErrorMappingContext, now = Date.now()): unknown {
  if (isGaxiosError(error) && error.response && typeof error.response.status === 'number') {
    return fromResponse(error, error.response, now);
  }
  // No response: gaxios wraps fetch's TypeError("fetch failed"), whose cause carries the socket error code.
  if (isGaxiosError(error)) return unreachableError('Google Calendar', error);
  return error;
}

/**
 * @deprecated Handlers need not wrap themselves: the runner applies the plugin's `mapError`
 * ({@link mapCalendarError}) to every failure. Kept, as a pass-through, for tools not yet converted.
 */
export function withCalendarErrors<T>(_ctx: ToolContext, work: () => Promise<T>): Promise<T> {
  return work();
}
