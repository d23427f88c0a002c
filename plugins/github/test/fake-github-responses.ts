/**
 * How the fake GitHub answers: GitHub's error bodies, rate-limit headers,
 * `Link` pagination and token check, as the REST API documents them.
 */
import type { FakeRequest, FakeResponse } from '@mcpist/plugin-sdk/testing';

const DOCS = 'https://docs.github.com/rest';

/** A GitHub-shaped error response: `{ message, documentation_url, status }`. */
export function gitHubError(status: number, message: string, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers, json: { message, documentation_url: DOCS, status: String(status) } };
}

/** GitHub's 422 for a missing or invalid field: `{ message: 'Validation Failed', errors: [{ resource, field, code }] }`. */
export function validationFailed(resource: string, field: string, code: string): FakeResponse {
  return {
    status: 422,
    json: { message: 'Validation Failed', errors: [{ resource, field, code }], documentation_url: DOCS, status: '422' },
  };
}

/** GitHub's primary rate limit answer: 403, `x-ratelimit-remaining: 0`, reset at `resetEpochSeconds`. */
export function primaryRateLimit(resetEpochSeconds: number): FakeResponse {
  return gitHubError(403, 'API rate limit exceeded for user ID 1.', {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-used': '5000',
    'x-ratelimit-reset': String(resetEpochSeconds),
    'x-ratelimit-resource': 'core',
  });
}

/** GitHub's secondary rate limit answer: 403 with `retry-after` seconds. */
export function secondaryRateLimit(retryAfterSeconds: number): FakeResponse {
  return gitHubError(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', {
    'retry-after': String(retryAfterSeconds),
  });
}

/** True when the request carries `token X` or `Bearer X` (as Octokit sends PATs and JWTs). */
export function isAuthorized(request: FakeRequest, token: string): boolean {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] === token;
}

/** Options of a successful answer. */
export interface SuccessOptions {
  status?: number;
  headers?: Record<string, string>;
  /** Which rate-limit bucket the request used: `core` (5,000/hour) or `search` (30/minute). */
  resource?: 'core' | 'search';
  /** Requests already made against that bucket. */
  used?: number;
}

/** A successful JSON answer with the rate-limit headers GitHub sends on every response. */
export function success(json: unknown, options: SuccessOptions = {}): FakeResponse {
  const resource = options.resource ?? 'core';
  const limit = resource === 'search' ? 30 : 5000;
  const used = Math.min(limit, options.used ?? 0);
  return {
    status: options.status ?? 200,
    json,
    headers: {
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(limit - used),
      'x-ratelimit-used': String(used),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': resource,
      ...options.headers,
    },
  };
}

/**
 * Slices `items` by `page`/`per_page` (default 30, max 100) and builds
 * GitHub's `Link` header with absolute URLs under `baseUrl`.
 */
export function paginate<T>(
  baseUrl: string,
  request: FakeRequest,
  items: T[],
): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page')) || 30));
  const page = Math.max(1, Number(request.query.get('page')) || 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string) => {
    const url = new URL(request.path, baseUrl);
    for (const [key, value] of request.query) url.searchParams.set(key, value);
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}
