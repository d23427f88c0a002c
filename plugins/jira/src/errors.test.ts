import {
  AuthInvalidError,
  InvalidInputError,
  NotFoundError,
  type PluginError,
  RateLimitedError,
  UpstreamPermanentError,
  UpstreamTransientError,
} from '@mcpist/plugin-sdk';
import { type FakeResponse, runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeJira,
  JIRA_ROUTES,
  jiraError,
  rateLimited,
  serverError,
  startFakeJira,
  unauthorized,
} from '../test/fake-jira.js';
import { describeJiraError, toPluginError } from './errors.js';
import { plugin } from './index.js';

interface ErrorCase {
  name: string;
  answer: () => FakeResponse;
  type: abstract new (...args: never[]) => PluginError;
  expected: Record<string, unknown>;
}

const cases: ErrorCase[] = [
  {
    name: '401 (plain text)',
    answer: unauthorized,
    type: AuthInvalidError,
    expected: {
      kind: 'auth_invalid',
      status: 401,
      message: 'Jira: Client must be authenticated to access this resource.',
    },
  },
  {
    name: '401 scope does not match',
    answer: () => ({ status: 401, json: { code: 401, message: 'Unauthorized; scope does not match' } }),
    type: AuthInvalidError,
    expected: { kind: 'auth_invalid', status: 401, message: expect.stringContaining('lacks a scope') },
  },
  {
    name: '404',
    answer: () => jiraError(404, ['Issue does not exist or you do not have permission to see it.']),
    type: NotFoundError,
    expected: {
      kind: 'not_found',
      status: 404,
      message: 'Jira: Issue does not exist or you do not have permission to see it.',
    },
  },
  {
    name: '429 with Retry-After: 2',
    answer: () => rateLimited(2),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
  },
  {
    name: '429 with only X-RateLimit-Reset',
    answer: () => ({
      status: 429,
      headers: { 'x-ratelimit-reset': new Date(Date.now() + 120_000).toISOString().slice(0, 16).concat('Z') },
    }),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', retryAfterMs: expect.any(Number) },
  },
  {
    name: '403',
    answer: () => jiraError(403, ['You do not have permission to delete issues in this project.']),
    type: UpstreamPermanentError,
    expected: { kind: 'upstream_permanent', status: 403 },
  },
  {
    name: '400 naming a field',
    answer: () => jiraError(400, [], { issuetype: 'Specify a valid issue type' }),
    type: InvalidInputError,
    expected: {
      kind: 'invalid_input',
      status: 400,
      field: 'issue_type',
      message: 'Jira: issuetype: Specify a valid issue type',
    },
  },
  {
    name: '500',
    answer: () => serverError(),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
  },
  {
    name: '502 with an HTML body',
    answer: () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' }),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 502, message: 'Jira: HTTP 502' },
  },
  {
    name: '200 with an HTML login page',
    answer: () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Log in</html>' }),
    type: UpstreamPermanentError,
    expected: { kind: 'upstream_permanent', message: expect.stringContaining('not its JSON API') },
  },
];

describe('Jira error mapping', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const getIssue = (options: Parameters<typeof runTool>[3] = {}) =>
    runTool(
      plugin,
      'get_issue',
      { issue_key: 'DEMO-1' },
      { baseUrl: jira.url, credential: jira.credential, ...options },
    );

  it.each(cases)('maps $name', async ({ answer, type, expected }) => {
    jira = await startFakeJira();
    jira.route(JIRA_ROUTES.getIssue, answer);
    const error = await getIssue().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(expected);
    expect((error as Error).message).not.toContain(jira.token);
  });

  it('waits until X-RateLimit-Reset when Retry-After is absent', async () => {
    jira = await startFakeJira();
    jira.route(JIRA_ROUTES.getIssue, cases[4]?.answer ?? (() => ({})));
    const error = (await getIssue().catch((caught: unknown) => caught)) as RateLimitedError;
    // The header has minute precision.
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('maps a rejected token to auth_invalid through the fake’s own check, without echoing it', async () => {
    jira = await startFakeJira();
    const credential = { ...jira.credential, token: 'ATATT-revoked-123' };
    const error = await getIssue({ credential }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(error).toMatchObject({ kind: 'auth_invalid', status: 401 });
    expect((error as Error).message).not.toContain('ATATT-revoked-123');
  });

  it('blames the JQL for a search the upstream refuses without naming a field', async () => {
    jira = await startFakeJira();
    const error = await runTool(
      plugin,
      'search_issues',
      { jql: 'colour = red' },
      {
        baseUrl: jira.url,
        credential: jira.credential,
      },
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({
      field: 'jql',
      message: "Jira: Field 'colour' does not exist or you do not have permission to view it.",
    });
  });

  it('maps a refused connection to a transient error that was not delivered', async () => {
    jira = await startFakeJira();
    await jira.close();
    const error = await getIssue().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UpstreamTransientError);
    expect(error).toMatchObject({ kind: 'upstream_transient', notDelivered: true, status: undefined });
    expect((error as Error).message).toBe('Jira could not be reached (ECONNREFUSED)');
  });

  it.each([
    ['an AbortError', undefined],
    ['a TimeoutError reason', new DOMException('deadline passed', 'TimeoutError')],
    ['a custom reason', new Error('call cancelled by the client')],
  ])('rethrows the caller’s abort unchanged (%s)', async (_case, reason) => {
    jira = await startFakeJira();
    jira.route(JIRA_ROUTES.getIssue, () => ({ hang: true }));
    const controller = new AbortController();
    const pending = getIssue({ signal: controller.signal }).catch((caught: unknown) => caught);
    await expect.poll(() => jira.count(JIRA_ROUTES.getIssue)).toBe(1);
    controller.abort(reason);

    expect(await pending).toBe(controller.signal.reason);
  });

  // The core's fetch may enforce its own deadline without aborting ctx.signal.
  it.each([
    ['AbortError', new DOMException('aborted', 'AbortError')],
    ['TimeoutError', new DOMException('deadline passed', 'TimeoutError')],
  ])('rethrows an abort from ctx.fetch unchanged (%s)', async (_name, failure) => {
    jira = await startFakeJira();
    const abortingFetch: typeof fetch = () => Promise.reject(failure);
    await expect(getIssue({ fetch: abortingFetch })).rejects.toBe(failure);
  });

  it('passes errors that are not Jira failures through unchanged', () => {
    const bug = new RangeError('a bug in the plugin');
    expect(toPluginError(bug)).toBe(bug);
  });

  it.each([
    [{ errorMessages: ['a', 'b'], errors: {} }, { message: 'Jira: a; b' }],
    [
      { errorMessages: [], errors: { summary: 'required', labels: 'bad' } },
      { message: 'Jira: summary: required; labels: bad', field: 'summary' },
    ],
    [{ message: 'gateway says no' }, { message: 'Jira: gateway says no' }],
    ['<html>oops</html>', { message: 'Jira: HTTP 503' }],
    [undefined, { message: 'Jira: HTTP 503' }],
  ])('describes the body %j', (body, expected) => {
    expect(describeJiraError(503, body)).toEqual(expected);
  });
});
