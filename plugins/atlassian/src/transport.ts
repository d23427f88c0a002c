import { abortFailure, networkErrorCode, parseRetryAfter } from '@mcpist/plugin-sdk';
import type { AtlassianConnection } from './connection.js';
import type { AtlassianSdkErrors } from './sdk-errors.js';

/**
 * Atlassian's SDKs (jira.js 6, confluence.js 3) send every request with the
 * global `fetch` and take neither another fetch nor an abort signal, so the
 * core could not rate limit, trace or time out their requests. Their endpoint
 * functions accept any `Client` (an object with `sendRequest`); each plugin's
 * client sends through {@link sendAtlassianRequest}, which performs the request
 * with the core's `fetch` and the call's signal and fails with the SDK's own
 * error classes, as the SDK's transport would. It never retries: the core does.
 */

/** One request as the SDKs describe it (their `SendRequestOptions`, minus the response schema). */
export interface AtlassianRequest {
  method?: string;
  /** Path below the API root, e.g. `/rest/api/3/issue/A-1`. */
  url: string;
  searchParams?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Sent as JSON; these plugins use no multipart uploads. */
  body?: unknown;
}

/** What one tool call gives its SDK client: where and as whom, the core's fetch, and the call's signal. */
export interface AtlassianCallOptions {
  connection: Pick<AtlassianConnection, 'apiRoot' | 'authorization'>;
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
}

/** What one request needs besides its own options: the call's, and which product and SDK it is for. */
export interface AtlassianTransportOptions extends AtlassianCallOptions {
  /** Display name in error messages, e.g. `Jira`. */
  product: string;
  /** Sent as `User-Agent`, e.g. `mcpist-plugin-jira`. */
  userAgent: string;
  sdk: AtlassianSdkErrors;
}

/** A 2xx answer whose body is still unread; reading it fails as the SDK's `NetworkError` when the connection drops. */
export interface AtlassianAnswer {
  status: number;
  /** The `Content-Type` header, `''` when absent. */
  contentType: string;
  text(): Promise<string>;
  bytes(): Promise<Uint8Array>;
}

/** Connection failures a retry may cure. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** The SDKs' query encoding: arrays repeat the key, objects are JSON, undefined and null are left out. */
export function atlassianUrl(apiRoot: string, path: string, searchParams: Record<string, unknown> | undefined): string {
  const url = `${apiRoot}${path.startsWith('/') ? path : `/${path}`}`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      query.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  const text = query.toString();
  return text === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${text}`;
}

/**
 * How long Atlassian asked us to wait: `Retry-After` (seconds), else
 * `X-RateLimit-Reset` (an ISO 8601 time, per Atlassian's rate-limiting docs).
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const fromRetryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (fromRetryAfter !== undefined) return fromRetryAfter;
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  return Number.isNaN(reset) ? undefined : Math.max(0, reset - now);
}

/** A body as the SDKs keep it on their errors: parsed JSON, else the text; undefined when empty. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The SDK's own error for a non-2xx answer; the body stays on it for the mapper, the message has no upstream text. */
function apiError(options: AtlassianTransportOptions, response: Response, body: unknown): Error {
  const { sdk } = options;
  const { status, statusText } = response;
  const message = `${options.product} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401) {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
    return /scope does not match/i.test(text)
      ? new sdk.ScopeError(message, statusText, body)
      : new sdk.AuthError(message, statusText, body);
  }
  if (status === 403) return new sdk.ForbiddenError(message, statusText, body);
  if (status === 404) return new sdk.NotFoundError(message, statusText, body);
  if (status === 429) {
    return new sdk.RateLimitError(message, statusText, body, { retryAfterMs: retryAfterMs(response.headers) });
  }
  if (status >= 500) return new sdk.ServerError(message, status, statusText, body);
  return new sdk.ApiError(message, status, statusText, body);
}

/**
 * Sends one request through `options.fetch` with `options.signal`. A non-2xx
 * answer is thrown as the SDK's `ApiError` subclass for its status; a network
 * failure as the SDK's `NetworkError`; the caller's abort as it came.
 */
export async function sendAtlassianRequest(
  options: AtlassianTransportOptions,
  request: AtlassianRequest,
): Promise<AtlassianAnswer> {
  const { signal } = options;
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (abortFailure(error, signal) !== undefined) throw error;
      const code = networkErrorCode(error);
      // The message names neither the URL nor headers: it may reach the user.
      throw new options.sdk.NetworkError(`${options.product} could not be reached${code ? ` (${code})` : ''}`, {
        cause: error,
        code,
        transient: code !== undefined && TRANSIENT_CODES.has(code),
      });
    }
  };

  const method = request.method ?? 'GET';
  const url = atlassianUrl(options.connection.apiRoot, request.url, request.searchParams);
  const hasBody = request.body !== undefined && request.body !== null;
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: options.connection.authorization,
    'user-agent': options.userAgent,
    // As the SDKs do: Jira refuses some bodiless writes (DELETE) with 415 without it.
    ...(hasBody || (method !== 'GET' && method !== 'HEAD') ? { 'content-type': 'application/json' } : {}),
    ...request.headers,
  };
  const body = hasBody ? JSON.stringify(request.body) : undefined;
  const response = await guarded(() => options.fetch(url, { method, headers, body, signal }));
  if (!response.ok) throw apiError(options, response, parseBody(await guarded(() => response.text())));
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: () => guarded(() => response.text()),
    bytes: () => guarded(async () => new Uint8Array(await response.arrayBuffer())),
  };
}
