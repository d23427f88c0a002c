import {
  AuthInvalidError,
  type ErrorMappingContext,
  errorFromHttpStatus,
  InvalidInputError,
  NotFoundError,
  parseRetryAfter,
  RateLimitedError,
  type ToolContext,
  UpstreamPermanentError,
  UpstreamTransientError,
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
 * The plugin's `mapError`: maps what the Notion client threw to the SDK's
 * typed errors, by Notion's error `code` first and the HTTP status second.
 * The SDK lets typed errors and the caller's abort through before calling it
 * and turns undici's bare network failures into transient errors after it;
 * anything else (a bug) is returned unchanged.
 */
export function mapNotionError(error: unknown, _context?: ErrorMappingContext, now = Date.now()): unknown {
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
  return error;
}

/**
 * @deprecated Handlers need not wrap themselves: the runner applies the plugin's `mapError`
 * ({@link mapNotionError}) to every failure. Kept, as a pass-through, for tools not yet converted.
 */
export function withNotionErrors<T>(_ctx: ToolContext, work: () => Promise<T>): Promise<T> {
  return work();
}
