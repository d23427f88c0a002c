import { abortFailure, networkErrorCode, parseRetryAfter, type ToolLogger } from '@mcpist/plugin-sdk';
import {
  ApiError,
  AuthError,
  type Client,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  SchemaMismatchError,
  ScopeError,
  type SendRequestOptions,
  ServerError,
} from 'jira.js/core';

/**
 * jira.js 6 sends every request with the global `fetch` and has no option for
 * another one or for an abort signal. Its factories accept any `Client` (an
 * object with `sendRequest`), so this module is that client: it performs
 * jira.js's requests with the core's `fetch` and the call's signal, and fails
 * with jira.js's own error classes, as jira.js's transport would.
 */

/** What the transport needs from one tool call. */
export interface FetchTransportOptions {
  /** Root the `/rest/api/3/...` paths are appended to, without a trailing slash. */
  apiRoot: string;
  /** The full `Authorization` header value. */
  authorization: string;
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
  logger: ToolLogger;
}

const USER_AGENT = 'mcpist-plugin-jira';

/** Connection failures that happen before a request is sent. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** jira.js's query encoding: arrays repeat the key, objects are JSON, undefined and null are left out. */
export function buildUrl(apiRoot: string, path: string, searchParams: Record<string, unknown> | undefined): string {
  const url = `${apiRoot}${path.startsWith('/') ? path : `/${path}`}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== undefined && item !== null) params.append(key, String(item));
    } else {
      params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
  }
  const query = params.toString();
  return query === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/**
 * How long Jira asked us to wait: `Retry-After` (seconds), else
 * `X-RateLimit-Reset` (an ISO 8601 time, per Atlassian's rate-limiting docs).
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const fromRetryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (fromRetryAfter !== undefined) return fromRetryAfter;
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  return Number.isNaN(reset) ? undefined : Math.max(0, reset - now);
}

function apiError(response: Response, body: unknown): ApiError {
  const { status, statusText } = response;
  // The body stays on the error for errors.ts to read; the message carries no upstream text.
  const message = `Jira answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401) {
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
    return /scope does not match/i.test(text)
      ? new ScopeError(message, statusText, body)
      : new AuthError(message, statusText, body);
  }
  if (status === 403) return new ForbiddenError(message, statusText, body);
  if (status === 404) return new NotFoundError(message, statusText, body);
  if (status === 429) {
    return new RateLimitError(message, statusText, body, { retryAfterMs: retryAfterMs(response.headers) });
  }
  if (status >= 500) return new ServerError(message, status, statusText, body);
  return new ApiError(message, status, statusText, body);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A `jira.js` client whose every request goes through `options.fetch` with `options.signal`. */
export function createFetchTransport(options: FetchTransportOptions): Client {
  const { signal } = options;

  /** Network failures become jira.js `NetworkError`s; the caller's abort is rethrown as it came. */
  async function guarded<T>(url: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (abortFailure(error, signal) !== undefined) throw error;
      const code = networkErrorCode(error);
      throw new NetworkError(`Request to ${url} failed${code ? ` (${code})` : ''}`, {
        cause: error,
        code,
        transient: code !== undefined && TRANSIENT_CODES.has(code),
      });
    }
  }

  return {
    async sendRequest<T>(request: SendRequestOptions<T>): Promise<T> {
      const method = request.method ?? 'GET';
      const url = buildUrl(options.apiRoot, request.url, request.searchParams);
      const hasBody = request.body !== undefined && request.body !== null;
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: options.authorization,
        'user-agent': USER_AGENT,
        // Like jira.js: some bodiless writes (DELETE) are refused with 415 without it.
        ...(hasBody || (method !== 'GET' && method !== 'HEAD') ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      };
      // This plugin only sends JSON; jira.js's multipart uploads are not used.
      const body = hasBody ? JSON.stringify(request.body) : undefined;
      const response = await guarded(url, () => options.fetch(url, { method, headers, body, signal }));
      const text = await guarded(url, () => response.text());
      if (!response.ok) throw apiError(response, text === '' ? undefined : parseJson(text));
      if (response.status === 204 || text === '') return undefined as T;

      const endpoint = `${method} ${request.url}`;
      const contentType = response.headers.get('content-type') ?? '';
      const data = contentType.includes('json') ? parseJson(text) : text;
      if (typeof data === 'string') {
        if (!request.schema) return data as T;
        // A login page or a proxy's HTML answering 200: the base URL does not point at Jira's API.
        throw new SchemaMismatchError(`Jira answered ${endpoint} with ${contentType || 'no content type'}, not JSON`, {
          endpoint,
          issues: [{ path: '', expected: 'application/json', received: contentType || 'no content type' }],
        });
      }
      if (!request.schema) return data as T;
      const parsed = request.schema.safeParse(data);
      if (parsed.success) return parsed.data;
      // As jira.js's default ('warn'): Jira's shapes vary by tenant, so use the body as it came and say so in the log.
      options.logger.warn('Jira answered with a shape jira.js does not describe; using it unvalidated', {
        endpoint,
        paths: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.')),
      });
      return data as T;
    },
  };
}
