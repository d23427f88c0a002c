/**
 * How the fake Confluence answers: the two error bodies (v2 and v1), rate
 * limiting with `Retry-After`, cursor pagination with `_links.next` and a
 * `Link` header, and the Basic auth check.
 */
import type { FakeRequest, FakeResponse } from '@mcpist/plugin-sdk/testing';
import type { ConfluencePage, ConfluenceSpace } from './fake-confluence-data.js';

const REASONS: Record<number, { code: string; title: string }> = {
  400: { code: 'INVALID_REQUEST_PARAMETER', title: 'Bad Request' },
  401: { code: 'UNAUTHORIZED', title: 'Unauthorized' },
  403: { code: 'FORBIDDEN', title: 'Forbidden' },
  404: { code: 'NOT_FOUND', title: 'Not Found' },
  409: { code: 'CONFLICT', title: 'Conflict' },
  429: { code: 'TOO_MANY_REQUESTS', title: 'Too Many Requests' },
  500: { code: 'INTERNAL_SERVER_ERROR', title: 'Internal Server Error' },
  503: { code: 'SERVICE_UNAVAILABLE', title: 'Service Unavailable' },
};

/**
 * A v2 error answer: `{ errors: [{ status, code, title, detail }] }`. `title`
 * defaults to the reason phrase, as Confluence sends for 401 and 404.
 */
export function confluenceError(
  status: number,
  title?: string,
  headers: Record<string, string> = {},
  detail: string | null = null,
): FakeResponse {
  const reason = REASONS[status] ?? { code: 'ERROR', title: `HTTP ${status}` };
  return { status, headers, json: { errors: [{ status, code: reason.code, title: title ?? reason.title, detail }] } };
}

/** A v1 error answer: `{ statusCode, data: { authorized, valid, errors, successful }, message, reason }`. */
export function confluenceV1Error(status: number, message: string, headers: Record<string, string> = {}): FakeResponse {
  return {
    status,
    headers,
    json: {
      statusCode: status,
      data: {
        authorized: status !== 401,
        valid: status !== 400,
        allowedInReadOnlyMode: true,
        errors: [],
        successful: false,
      },
      message,
      reason: REASONS[status]?.title ?? `HTTP ${status}`,
    },
  };
}

/** Atlassian's rate limit answer: 429 with `Retry-After` seconds and the reset time. */
export function rateLimited(retryAfterSeconds: number): FakeResponse {
  const reset = new Date(Date.now() + retryAfterSeconds * 1000).toISOString().replace(/:\d\d\.\d+Z$/, 'Z');
  return confluenceError(429, 'Rate limit exceeded', {
    'retry-after': String(retryAfterSeconds),
    'x-ratelimit-reset': reset,
  });
}

/** True when the request carries `Basic base64(email:token)`. */
export function isAuthorized(request: FakeRequest, email: string, token: string): boolean {
  const expected = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  return request.headers.authorization === expected;
}

/** The opaque cursor the fake hands out: the offset of the next record, base64url-encoded. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    return typeof offset === 'number' && offset >= 0 ? offset : 0;
  } catch {
    return 0;
  }
}

/** One page of results and where the next one starts, if there is one. */
export interface PageSlice<T> {
  items: T[];
  offset: number;
  limit: number;
  nextOffset: number | undefined;
}

/**
 * Slices `items` at the request's `cursor` (or v1 `start`) by its `limit`
 * (default 25, at most `maxLimit`: Confluence silently caps larger values).
 */
export function slice<T>(request: FakeRequest, items: readonly T[], maxLimit: number): PageSlice<T> {
  const limit = Math.min(maxLimit, Math.max(1, Number(request.query.get('limit')) || 25));
  const cursor = request.query.get('cursor');
  const offset = cursor ? decodeCursor(cursor) : Number(request.query.get('start')) || 0;
  const nextOffset = offset + limit < items.length ? offset + limit : undefined;
  return { items: items.slice(offset, offset + limit), offset, limit, nextOffset };
}

/** The v2 next link: the request's path and query, with the next cursor (Confluence keeps the other parameters). */
export function nextLink(request: FakeRequest, page: PageSlice<unknown>): string | undefined {
  if (page.nextOffset === undefined) return undefined;
  const query = new URLSearchParams(request.query);
  query.set('cursor', encodeCursor(page.nextOffset));
  query.set('limit', String(page.limit));
  return `${request.path}?${query.toString()}`;
}

/** A v2 listing: `{ results, _links: { next?, base } }` plus the `Link` header Confluence sends alongside. */
export function listing<T>(request: FakeRequest, page: PageSlice<T>, base: string): FakeResponse {
  const next = nextLink(request, page);
  const links = [...(next ? [`<${next}>; rel="next"`] : []), `<${base}>; rel="base"`];
  return {
    status: 200,
    headers: { link: links.join(', ') },
    json: { results: page.items, _links: { ...(next ? { next } : {}), base } },
  };
}

/** The subset of CQL the fake understands: `type`, `space`/`space.key`, `text ~`, `title ~`, joined with AND. */
export function cqlFilter(cql: string): {
  matches: (page: ConfluencePage, space: ConfluenceSpace) => boolean;
  terms: string[];
} {
  const where = cql.replace(/\s+order\s+by\s+.*$/is, '').replace(/[()]/g, ' ');
  const terms: string[] = [];
  const tests: Array<(page: ConfluencePage, space: ConfluenceSpace) => boolean> = [];
  for (const clause of where.split(/\s+and\s+/i)) {
    const match = /^\s*([\w.]+)\s*(=|~)\s*"?((?:[^"\\]|\\.)*)"?\s*$/.exec(clause);
    if (!match) continue;
    const [, field = '', , raw = ''] = match;
    const value = raw.replace(/\\(.)/g, '$1');
    const lower = value.toLowerCase();
    if (field === 'type') tests.push(() => value === 'page');
    if (field === 'space' || field === 'space.key') tests.push((_, space) => space.key === value);
    if (field === 'title') {
      terms.push(value);
      tests.push((page) => page.title.toLowerCase().includes(lower));
    }
    if (field === 'text') {
      terms.push(value);
      tests.push(
        (page) => page.title.toLowerCase().includes(lower) || page.body.storage.value.toLowerCase().includes(lower),
      );
    }
  }
  return { matches: (page, space) => tests.every((test) => test(page, space)), terms };
}
