import {
  type ErrorMappingContext,
  errorFromHttpStatus,
  InvalidInputError,
  parseRetryAfter,
  RateLimitedError,
  type ToolContext,
  unreachableError,
} from '@mcpist/plugin-sdk';

/** The parts of Octokit's `RequestError` we read; duck-typed so any Octokit copy matches. */
interface OctokitRequestError extends Error {
  status: number;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

/** GitHub's advice when a secondary limit names no wait: "wait for at least one minute". */
const SECONDARY_LIMIT_DEFAULT_WAIT_MS = 60_000;

const MAX_MESSAGE_LENGTH = 200;

function isOctokitRequestError(error: unknown): error is OctokitRequestError {
  return (
    error instanceof Error && error.name === 'HttpError' && typeof (error as { status?: unknown }).status === 'number'
  );
}

function header(headers: Record<string, string | number | undefined>, name: string): string | undefined {
  const value = headers[name];
  return value === undefined ? undefined : String(value);
}

interface GitHubErrorBody {
  message?: unknown;
  errors?: unknown;
}

/** GitHub's own error text (never headers or request data), with the first validation detail. */
function describe(status: number, data: unknown): { message: string; field?: string } {
  const body = (typeof data === 'object' && data !== null ? data : {}) as GitHubErrorBody;
  let message = typeof body.message === 'string' && body.message !== '' ? body.message : `HTTP ${status}`;
  let field: string | undefined;
  const first = Array.isArray(body.errors) ? (body.errors[0] as Record<string, unknown> | undefined) : undefined;
  if (first && typeof first === 'object') {
    field = typeof first.field === 'string' ? first.field : undefined;
    const detail = typeof first.message === 'string' ? first.message : first.code;
    if (typeof detail === 'string') message += ` (${field ? `${field}: ` : ''}${detail})`;
  }
  return { message: `GitHub: ${message.slice(0, MAX_MESSAGE_LENGTH)}`, field };
}

/**
 * GitHub signals its primary limit with 403/429 and `x-ratelimit-remaining: 0`
 * (wait until `x-ratelimit-reset`, epoch seconds), and secondary limits with
 * 403/429 plus `retry-after` or only a message saying so.
 */
function rateLimit(error: OctokitRequestError, text: string, now: number): RateLimitedError | undefined {
  if (error.status !== 403 && error.status !== 429) return undefined;
  const headers = error.response?.headers ?? {};
  const retryAfter = header(headers, 'retry-after');
  const exhausted = header(headers, 'x-ratelimit-remaining') === '0';
  const secondary = /rate limit/i.test(text);
  if (error.status === 403 && retryAfter === undefined && !exhausted && !secondary) return undefined;

  let retryAfterMs = parseRetryAfter(retryAfter, now);
  if (retryAfterMs === undefined && exhausted) {
    const reset = Number(header(headers, 'x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) retryAfterMs = Math.max(0, reset * 1000 - now);
  }
  if (retryAfterMs === undefined && secondary) retryAfterMs = SECONDARY_LIMIT_DEFAULT_WAIT_MS;
  return new RateLimitedError(text, { status: error.status, retryAfterMs, cause: error });
}

/**
 * The plugin's `mapError`: maps what Octokit threw to the SDK's typed errors.
 * The SDK lets typed errors and the caller's abort through before calling it
 * and turns undici's bare network failures into transient errors after it;
 * anything else that is not an Octokit failure (a bug) is returned unchanged.
 */
export function mapGitHubError(error: unknown, _context?: ErrorMappingContext, now = Date.now()): unknown {
  if (isOctokitRequestError(error) && error.response) {
    const { message, field } = describe(error.status, error.response.data);
    const limited = rateLimit(error, message, now);
    if (limited) return limited;
    if (error.status === 422 || error.status === 400) {
      return new InvalidInputError(message, { status: error.status, field, cause: error });
    }
    return errorFromHttpStatus({ status: error.status, message, cause: error });
  }
  // No response: Octokit wraps fetch failures (refused, reset) as a status-500 HttpError without one.
  if (isOctokitRequestError(error)) return unreachableError('GitHub', error);
  return error;
}

/**
 * @deprecated Handlers need not wrap themselves: the runner applies the plugin's `mapError`
 * ({@link mapGitHubError}) to every failure. Kept, as a pass-through, for tools not yet converted.
 */
export function withGitHubErrors<T>(_ctx: ToolContext, work: () => Promise<T>): Promise<T> {
  return work();
}
