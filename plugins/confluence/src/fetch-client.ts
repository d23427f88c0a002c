import { abortFailure, networkErrorCode, parseRetryAfter } from '@mcpist/plugin-sdk';
import {
  ApiError,
  AuthError,
  BufferSchema,
  type Client,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  SchemaMismatchError,
  type SendRequestOptions,
  ServerError,
} from 'confluence.js/core';

/** What a request needs besides its own options: where, as whom, and through which fetch. */
export interface FetchClientOptions {
  /** Site root without a trailing slash, e.g. `https://acme.atlassian.net`; request paths start with `/wiki`. */
  baseUrl: string;
  /** The `Authorization` header value. */
  authorization: string;
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
}

/**
 * Query string the way confluence.js serializes it: arrays repeat the key
 * (`keys=A&keys=B`), undefined and null are left out, objects become JSON.
 */
export function withSearchParams(url: string, params: Record<string, unknown> | undefined): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item === undefined || item === null) continue;
      query.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  const text = query.toString();
  return text === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${text}`;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** confluence.js's own error for a non-2xx answer, so callers classify it exactly as they would the SDK's transport. */
function apiError(response: Response, body: unknown): ApiError {
  const { status, statusText } = response;
  const message = `Confluence answered ${status}${statusText ? ` ${statusText}` : ''}`;
  switch (status) {
    case 401:
      return new AuthError(message, statusText, body);
    case 403:
      return new ForbiddenError(message, statusText, body);
    case 404:
      return new NotFoundError(message, statusText, body);
    case 429:
      return new RateLimitError(message, statusText, body, {
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
    default:
      return status >= 500
        ? new ServerError(message, status, statusText, body)
        : new ApiError(message, status, statusText, body);
  }
}

/**
 * A confluence.js `Client` whose every request goes through the given
 * `fetch` and `signal`. confluence.js's own `createClient` always calls the
 * global fetch and takes no abort signal, so the core could neither rate
 * limit, trace nor time out its requests; its endpoint functions accept any
 * object with `sendRequest`, and this is one. It keeps the SDK's contract:
 * responses are validated against the endpoint's schema, failures are the
 * SDK's `ApiError` subclasses, `NetworkError` or `SchemaMismatchError`. It
 * never retries (the core does) and rethrows aborts unchanged.
 */
export function createFetchClient(options: FetchClientOptions): Client {
  return {
    async sendRequest<T>(request: SendRequestOptions<T>): Promise<T> {
      const path = request.url.startsWith('/') ? request.url : `/${request.url}`;
      const url = withSearchParams(`${options.baseUrl}${path}`, request.searchParams);
      const hasBody = request.body !== undefined && request.body !== null;
      let response: Response;
      try {
        response = await options.fetch(url, {
          method: request.method ?? 'GET',
          headers: {
            accept: 'application/json',
            authorization: options.authorization,
            ...(hasBody ? { 'content-type': 'application/json' } : {}),
            ...request.headers,
          },
          body: hasBody ? JSON.stringify(request.body) : undefined,
          signal: options.signal,
        });
      } catch (error) {
        if (abortFailure(error, options.signal) !== undefined) throw error;
        const code = networkErrorCode(error);
        // The message names neither the URL nor headers: it may reach the user.
        throw new NetworkError(`Confluence could not be reached${code ? ` (${code})` : ''}`, {
          cause: error,
          code,
          transient: true,
        });
      }

      if (!response.ok) throw apiError(response, await readBody(response));
      if (response.status === 204) return undefined as T;
      // As confluence.js's own client: a download endpoint declares BufferSchema, and its body is the file's bytes
      // under the file's own content type (text/plain is as likely as image/png), so it is never parsed.
      if ((request.schema as unknown) === BufferSchema) return new Uint8Array(await response.arrayBuffer()) as T;
      const data = await readBody(response);
      if (request.schema === undefined || data === undefined) return data as T;
      const parsed = request.schema.safeParse(data);
      if (!parsed.success) {
        throw new SchemaMismatchError(
          `Confluence answered ${request.method ?? 'GET'} ${request.url} in an unexpected shape`,
          typeof data === 'string' ? data : JSON.stringify(data),
          { cause: parsed.error },
        );
      }
      return parsed.data;
    },
  };
}
