/**
 * How the fake Google Calendar answers: Google's JSON error envelope
 * (`{ error: { code, message, errors: [{ domain, reason, message }] } }`),
 * its rate-limit answers, the bearer-token check and `pageToken` pagination,
 * as the Calendar API documents them.
 */
import type { FakeRequest, FakeResponse } from '@mcpist/plugin-sdk/testing';

/** One entry of `error.errors[]`. */
export interface GoogleErrorDetail {
  domain?: string;
  reason: string;
  message?: string;
  location?: string;
  locationType?: 'parameter' | 'header';
}

const STATUS_TEXT: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** A Google API error response with one detail, e.g. `googleError(404, 'Not Found', { reason: 'notFound' })`. */
export function googleError(
  status: number,
  message: string,
  detail: GoogleErrorDetail,
  headers: Record<string, string> = {},
): FakeResponse {
  const error = {
    errors: [
      { domain: detail.domain ?? 'global', reason: detail.reason, message: detail.message ?? message, ...pick(detail) },
    ],
    code: status,
    message,
    ...(STATUS_TEXT[status] ? { status: STATUS_TEXT[status] } : {}),
  };
  return { status, headers, json: { error } };
}

function pick(detail: GoogleErrorDetail): Partial<GoogleErrorDetail> {
  return {
    ...(detail.location ? { location: detail.location } : {}),
    ...(detail.locationType ? { locationType: detail.locationType } : {}),
  };
}

/** 401 for a missing, expired or revoked access token. */
export function authError(): FakeResponse {
  return googleError(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    { reason: 'authError', message: 'Invalid Credentials', location: 'Authorization', locationType: 'header' },
    { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );
}

/** 404 for an unknown calendar or event (or one the user may not see). */
export function notFound(): FakeResponse {
  return googleError(404, 'Not Found', { reason: 'notFound' });
}

/** 410 for an event that was already deleted. */
export function gone(): FakeResponse {
  return googleError(410, 'Resource has been deleted', { reason: 'deleted' });
}

/** 400 for a bad or missing parameter, naming it in `location` as Google does. */
export function badRequest(message: string, reason: string, location?: string): FakeResponse {
  return googleError(400, message, {
    domain: reason === 'badRequest' || reason === 'required' ? 'global' : 'calendar',
    reason,
    ...(location ? { location, locationType: 'parameter' as const } : {}),
  });
}

/** 429 `rateLimitExceeded`, with `Retry-After` seconds when given. */
export function rateLimited(retryAfterSeconds?: number): FakeResponse {
  return googleError(
    429,
    'Rate Limit Exceeded',
    { domain: 'usageLimits', reason: 'rateLimitExceeded' },
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  );
}

/** 403 `userRateLimitExceeded` / `rateLimitExceeded`: Google's older way of saying "slow down". */
export function forbiddenRateLimit(reason: 'rateLimitExceeded' | 'userRateLimitExceeded'): FakeResponse {
  const message = reason === 'rateLimitExceeded' ? 'Rate Limit Exceeded' : 'User Rate Limit Exceeded';
  return googleError(403, message, { domain: 'usageLimits', reason });
}

/** 403 for a token without the calendar scope. */
export function insufficientScopes(): FakeResponse {
  return googleError(403, 'Request had insufficient authentication scopes.', {
    reason: 'insufficientPermissions',
    message: 'Insufficient Permission',
  });
}

/** 500 `backendError`, which Google asks clients to retry with backoff. */
export function backendError(): FakeResponse {
  return googleError(500, 'Backend Error', { reason: 'backendError' });
}

/** True when the request carries `Authorization: Bearer <token>`. */
export function isAuthorized(request: FakeRequest, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] === token;
}

/** Page tokens are opaque to clients; the fake's encode an offset. */
function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** How a collection pages. */
export interface PageRules {
  /** Page size without `maxResults` (Google: 100 calendars, 250 events). */
  defaultSize: number;
  /** The most `maxResults` may ask for (Google: 250 calendars, 2500 events). */
  maxSize: number;
  /** Return at most this many per page whatever `maxResults` says, as Google documents it may. */
  cap?: number;
}

/**
 * Slices `items` by `pageToken`/`maxResults`. Returns the page plus either
 * `nextPageToken` or, on the last page, `nextSyncToken` — as Google does.
 * A token the fake did not issue gets Google's 400 `invalid` answer.
 */
export function paginate<T>(
  request: FakeRequest,
  items: readonly T[],
  rules: PageRules,
): { items: T[]; nextPageToken?: string; nextSyncToken?: string } | FakeResponse {
  const asked = Number(request.query.get('maxResults'));
  if (request.query.has('maxResults') && (!Number.isInteger(asked) || asked < 1)) {
    return badRequest('Invalid value for: maxResults', 'invalid', 'maxResults');
  }
  const size = Math.min(
    rules.cap ?? Number.POSITIVE_INFINITY,
    asked ? Math.min(asked, rules.maxSize) : rules.defaultSize,
  );
  const token = request.query.get('pageToken');
  const offset = token === null ? 0 : decodeToken(token);
  if (offset === undefined) return badRequest('Invalid page token value.', 'invalid', 'pageToken');
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length
    ? { items: page, nextPageToken: encodeToken(next) }
    : { items: page, nextSyncToken: `sync_${items.length}` };
}

/** True when `paginate` refused the request. */
export function isRefusal(value: object): value is FakeResponse {
  return 'status' in value && typeof (value as FakeResponse).status === 'number';
}
