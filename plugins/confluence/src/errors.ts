import {
  type ErrorMappingContext,
  errorFromHttpStatus,
  RateLimitedError,
  type ToolContext,
  UpstreamPermanentError,
  unreachableError,
} from '@mcpist/plugin-sdk';
import { type ApiError, isApiError, isNetworkError, isRateLimitError, isSchemaMismatchError } from 'confluence.js/core';

const MAX_MESSAGE_LENGTH = 200;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Confluence's own explanation, from either error body it uses: v2's
 * `{ errors: [{ status, code, title, detail }] }` or v1's
 * `{ statusCode, message, data: { errors: [{ message: { translation } }] } }`.
 * Never headers or request data, so no credential can leak into a message.
 */
export function describeFailure(status: number, body: unknown): string {
  const data = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  let detail: string | undefined;
  const first = Array.isArray(data.errors) ? (data.errors[0] as Record<string, unknown> | undefined) : undefined;
  if (first && typeof first === 'object') {
    detail = [text(first.title), text(first.detail)].filter(Boolean).join(': ') || text(first.code);
  }
  detail ??= text(data.message);
  const nested = (data.data as { errors?: unknown } | undefined)?.errors;
  const firstNested = Array.isArray(nested) ? (nested[0] as { message?: { translation?: unknown } }) : undefined;
  detail ??= text(firstNested?.message?.translation);
  if (detail === undefined && typeof body === 'string' && !body.trimStart().startsWith('<')) detail = text(body);
  return `Confluence: ${(detail ?? `HTTP ${status}`).slice(0, MAX_MESSAGE_LENGTH)}`;
}

/**
 * Maps what a confluence.js call threw to the SDK's typed errors: 429 →
 * rate limited (with Retry-After), 401 → auth invalid, 404 → not found,
 * 400/422 → invalid input, 5xx → transient, other 4xx → permanent; network
 * failures → transient (not delivered when the connection was refused); a
 * response in an unexpected shape → permanent. The plugin's `mapError`: the
 * SDK lets typed errors and the caller's abort through before calling it;
 * bugs are returned unchanged.
 */
export function mapConfluenceError(error: unknown, _context?: ErrorMappingContext): unknown {
  if (isRateLimitError(error)) {
    return new RateLimitedError(describeFailure(429, error.body), { retryAfterMs: error.retryAfterMs, cause: error });
  }
  if (isApiError(error)) {
    const { status, body } = error as ApiError;
    return errorFromHttpStatus({ status, message: describeFailure(status, body), cause: error });
  }
  if (isNetworkError(error)) return unreachableError('Confluence', error);
  if (isSchemaMismatchError(error)) {
    return new UpstreamPermanentError(
      'Confluence answered in a shape this plugin does not understand; the API may have changed.',
      { cause: error },
    );
  }
  return error;
}

/**
 * @deprecated Handlers need not wrap themselves: the runner applies the plugin's `mapError`
 * ({@link mapConfluenceError}) to every failure. Kept, as a pass-through, for tools not yet converted.
 */
export function withConfluenceErrors<T>(_ctx: ToolContext, work: () => Promise<T>): Promise<T> {
  return work();
}
