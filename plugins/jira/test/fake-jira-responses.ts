/**
 * How the fake Jira answers: Jira's ErrorCollection bodies, its 401 and 429
 * answers, Basic/Bearer credential checks, field selection and the enhanced
 * search's page tokens, as the REST API v3 documentation describes them.
 */
import type { FakeRequest, FakeResponse } from '@mcpist/plugin-sdk/testing';
import type { JiraIssue } from './fake-jira-data.js';

/** Headers Jira Cloud sends on every answer. */
function standardHeaders(): Record<string, string> {
  return {
    'x-arequestid': `${Math.floor(Math.random() * 1e8).toString(16)}`,
    'atl-traceid': `${Math.floor(Math.random() * 1e12).toString(16)}`,
    'cache-control': 'no-cache, no-store, no-transform',
  };
}

/** A successful JSON answer. */
export function success(json: unknown, status = 200, headers: Record<string, string> = {}): FakeResponse {
  return { status, json, headers: { ...standardHeaders(), ...headers } };
}

/** `204 No Content`, as Jira answers edits, transitions, assignments and deletes. */
export function noContent(): FakeResponse {
  return { status: 204, headers: standardHeaders() };
}

/** Jira's ErrorCollection: `{ errorMessages: [...], errors: { field: message } }`. */
export function jiraError(
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
  headers: Record<string, string> = {},
): FakeResponse {
  return { status, json: { errorMessages, errors }, headers: { ...standardHeaders(), ...headers } };
}

/** 404 for an issue key that does not exist (or that the account may not see). */
export function issueNotFound(): FakeResponse {
  return jiraError(404, ['Issue does not exist or you do not have permission to see it.']);
}

/** Jira Cloud's 401 for a missing or rejected credential: a plain-text body. */
export function unauthorized(): FakeResponse {
  return {
    status: 401,
    headers: {
      ...standardHeaders(),
      'content-type': 'text/plain;charset=UTF-8',
      'www-authenticate': 'OAuth realm="https%3A%2F%2Facme.atlassian.net"',
    },
    body: 'Client must be authenticated to access this resource.',
  };
}

/**
 * Jira's 429: `Retry-After` in seconds, `X-RateLimit-Reset` (ISO 8601, the
 * request time plus the wait) and `RateLimit-Reason`.
 */
export function rateLimited(retryAfterSeconds: number, reason = 'jira-burst-based'): FakeResponse {
  const reset = new Date(Date.now() + retryAfterSeconds * 1000).toISOString().slice(0, 16);
  return {
    status: 429,
    headers: {
      ...standardHeaders(),
      'retry-after': String(retryAfterSeconds),
      'x-ratelimit-reset': `${reset}Z`,
      'ratelimit-reason': reason,
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
    },
    body: '',
  };
}

/** A 5xx with Jira's ErrorCollection body. */
export function serverError(status = 500): FakeResponse {
  return jiraError(status, ['Internal server error']);
}

/** True when the request carries `Basic base64(email:token)`, or `Bearer token` (OAuth 2.0 / 3LO). */
export function isAuthorized(request: FakeRequest, email: string, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic?.[1]) return Buffer.from(basic[1], 'base64').toString('utf8') === `${email}:${token}`;
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] === token;
}

/**
 * The fields a request asked for, as Jira reads them: repeated or
 * comma-separated; `*all`/`*navigable` mean all; undefined when not given.
 */
export function requestedFields(values: readonly string[] | string | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const list = (Array.isArray(values) ? values : [values]).flatMap((value) => String(value).split(','));
  const names = list.map((name) => name.trim()).filter(Boolean);
  return names.length === 0 ? undefined : names;
}

/** An issue with only the requested `fields` (all of them when `fields` is undefined or `*all`). */
export function pickFields(issue: JiraIssue, fields: string[] | undefined): JiraIssue {
  if (fields === undefined || fields.some((name) => name === '*all' || name === '*navigable')) return issue;
  const picked: Record<string, unknown> = {};
  for (const name of fields) if (name in issue.fields) picked[name] = issue.fields[name];
  return { ...issue, fields: picked as JiraIssue['fields'] };
}

/** The enhanced search's opaque `nextPageToken`; here it hides an offset. */
export function pageToken(offset: number): string {
  return Buffer.from(`fake-jira:${offset}`).toString('base64url');
}

/** The offset a `nextPageToken` stands for; undefined for a token the fake never issued. */
export function offsetOf(token: string): number | undefined {
  const match = /^fake-jira:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** Jira's refusal of rich text that is not an Atlassian Document. */
export const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';

/** True for a top-level ADF document, as Jira v3 requires for descriptions and comment bodies. */
export function isAdf(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'doc' &&
    (value as { version?: unknown }).version === 1 &&
    Array.isArray((value as { content?: unknown }).content)
  );
}
