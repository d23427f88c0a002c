import {
  AuthInvalidError,
  abortFailure,
  errorFromHttpStatus,
  InvalidInputError,
  isPluginError,
  NotFoundError,
  networkErrorCode,
  parseRetryAfter,
  RateLimitedError,
  type ToolContext,
  UpstreamPermanentError,
  UpstreamTransientError,
  unreachableError,
} from '@mcpist/plugin-sdk';
import {
  APIErrorCode,
  APIResponseError,
  InvalidPathParameterError,
  isHTTPResponseError,
  RequestTimeoutError,
} from '@notionhq/client';

const MAX_MESSAGE_LENGTH = 300;

/** Reads a response header from whatever the client kept: a `Headers` object or a plain record. */
function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/** Notion's own error text (its `message`, never headers or request data), bounded in length. */
function describe(message: string, status: number): string {
  const text = message.trim() === '' ? `HTTP ${status}` : message.trim();
  return `Notion: ${text.slice(0, MAX_MESSAGE_LENGTH)}`;
}

/**
 * The input field Notion's validation message names, e.g. "body.children[0]…"
 * or "path.page_id should be a valid uuid" → `children` / `page_id`.
 */
function fieldOf(message: string): string | undefined {
  return /\b(?:body|path|query)\.([A-Za-z_]+)/.exec(message)?.[1];
}

/**
 * Maps whatever a Notion client call threw to the SDK's typed errors, by
 * Notion's error `code` first and the HTTP status second. Abort errors and
 * errors that are already typed pass through unchanged; errors that are
 * neither HTTP nor network failures (bugs) also pass through, for the core
 * to report as internal.
 */
export function toPluginError(error: unknown, now = Date.now()): unknown {
  if (isPluginError(error)) return error;
  // Checked first, so no later rule can ever reclassify the caller's deadline as an upstream failure.
  const aborted = abortFailure(error);
  if (aborted !== undefined) return aborted;

  if (APIResponseError.isAPIResponseError(error)) {
    const message = describe(error.message, error.status);
    const options = { status: error.status, cause: error };
    switch (error.code) {
      case APIErrorCode.RateLimited:
        return new RateLimitedError(message, {
          ...options,
          retryAfterMs: parseRetryAfter(header(error.headers, 'retry-after'), now),
        });
      case APIErrorCode.Unauthorized:
        return new AuthInvalidError(message, options);
      case APIErrorCode.ObjectNotFound:
        return new NotFoundError(message, options);
      case APIErrorCode.RestrictedResource:
        return new UpstreamPermanentError(message, options);
      case APIErrorCode.ValidationError:
      case APIErrorCode.InvalidJSON:
      case APIErrorCode.InvalidRequest:
      case APIErrorCode.InvalidRequestURL:
        return new InvalidInputError(message, { ...options, field: fieldOf(error.message) });
      // "Make sure the parameters are up to date and try again": a collision that may pass on retry.
      case APIErrorCode.ConflictError:
        return new UpstreamTransientError(message, options);
    }
  }
  // Unknown codes (e.g. `database_connection_unavailable`) and non-JSON bodies (a proxy's HTML 502).
  if (isHTTPResponseError(error)) {
    return errorFromHttpStatus({
      status: error.status,
      message: describe(error.message, error.status),
      retryAfter: header(error.headers, 'retry-after'),
      cause: error,
    });
  }
  if (RequestTimeoutError.isRequestTimeoutError(error)) {
    return new UpstreamTransientError('Notion did not answer in time', { cause: error });
  }
  if (InvalidPathParameterError.isInvalidPathParameterError(error)) {
    return new InvalidInputError('Notion: an id contains characters that are not allowed', { cause: error });
  }
  // undici throws TypeError("fetch failed") with the socket error as its cause.
  if (error instanceof TypeError && networkErrorCode(error) !== undefined) return unreachableError('Notion', error);
  return error;
}

/**
 * Runs a handler's Notion work so every failure reaches the core as a typed
 * error (or the caller's own abort, unchanged). Wrap each handler body in it.
 */
export async function withNotionErrors<T>(ctx: ToolContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Once the call is aborted, what fetch rejected with is the signal's reason: hand it back untouched.
    if (ctx.signal.aborted) throw error;
    throw toPluginError(error);
  }
}
