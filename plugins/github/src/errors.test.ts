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
  type FakeGitHub,
  GITHUB_ROUTES,
  gitHubError,
  primaryRateLimit,
  secondaryRateLimit,
  startFakeGitHub,
} from '../test/fake-github.js';
import { toPluginError } from './errors.js';
import { plugin } from './index.js';

const RESET_IN_SECONDS = 30;

interface ErrorCase {
  name: string;
  answer: () => FakeResponse;
  type: abstract new (...args: never[]) => PluginError;
  expected: Record<string, unknown>;
}

const cases: ErrorCase[] = [
  {
    name: '401',
    answer: () => gitHubError(401, 'Bad credentials'),
    type: AuthInvalidError,
    expected: { kind: 'auth_invalid', status: 401 },
  },
  {
    name: '404',
    answer: () => gitHubError(404, 'Not Found'),
    type: NotFoundError,
    expected: { kind: 'not_found', status: 404 },
  },
  {
    name: '429 with Retry-After: 2',
    answer: () => gitHubError(429, 'Too Many Requests', { 'retry-after': '2' }),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
  },
  {
    name: '403 with x-ratelimit-remaining: 0 (primary limit)',
    answer: () => primaryRateLimit(Math.floor(Date.now() / 1000) + RESET_IN_SECONDS),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 403 },
  },
  {
    name: '403 with retry-after (secondary limit)',
    answer: () => secondaryRateLimit(5),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 403, retryAfterMs: 5000 },
  },
  {
    name: '403 secondary limit without headers',
    answer: () => gitHubError(403, 'You have exceeded a secondary rate limit.'),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', retryAfterMs: 60_000 },
  },
  {
    name: '403 forbidden',
    answer: () => gitHubError(403, 'Resource not accessible by personal access token'),
    type: UpstreamPermanentError,
    expected: { kind: 'upstream_permanent', status: 403 },
  },
  {
    name: '500',
    answer: () => gitHubError(500, 'Server Error'),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
  },
  {
    name: '502 with an HTML body',
    answer: () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' }),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 502 },
  },
  {
    name: '422',
    answer: () => ({
      status: 422,
      json: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'invalid', field: 'labels' }],
        documentation_url: 'https://docs.github.com/rest',
      },
    }),
    type: InvalidInputError,
    expected: { kind: 'invalid_input', status: 422, field: 'labels' },
  },
];

describe('GitHub error mapping', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listIssues = (options: Parameters<typeof runTool>[3] = {}) =>
    runTool(
      plugin,
      'list_issues',
      { owner: 'octo-org', repo: 'hello-world' },
      { baseUrl: github.url, credential: github.token, ...options },
    );

  it.each(cases)('maps $name', async ({ answer, type, expected }) => {
    github = await startFakeGitHub();
    github.route(GITHUB_ROUTES.listIssues, answer);
    const error = await listIssues().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(expected);
    expect((error as Error).message).not.toContain(github.token);
  });

  it('waits until x-ratelimit-reset for the primary limit', async () => {
    github = await startFakeGitHub();
    github.route(GITHUB_ROUTES.listIssues, cases[3]?.answer ?? (() => ({})));
    const error = (await listIssues().catch((caught: unknown) => caught)) as RateLimitedError;

    expect(error.retryAfterMs).toBeGreaterThan((RESET_IN_SECONDS - 5) * 1000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(RESET_IN_SECONDS * 1000);
  });

  it('maps a rejected token to auth_invalid without echoing it', async () => {
    github = await startFakeGitHub();
    const error = await listIssues({ credential: 'ghp_revokedToken123' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(error).toMatchObject({ kind: 'auth_invalid', status: 401 });
    expect((error as Error).message).not.toContain('ghp_revokedToken123');
  });

  it('maps a refused connection to a transient error that was not delivered', async () => {
    github = await startFakeGitHub();
    await github.close();
    const error = await listIssues().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UpstreamTransientError);
    expect(error).toMatchObject({ kind: 'upstream_transient', notDelivered: true, status: undefined });
  });

  it.each([
    ['an AbortError', undefined],
    ['a TimeoutError reason', new DOMException('deadline passed', 'TimeoutError')],
    ['a custom reason', new Error('call cancelled by the client')],
  ])('rethrows the caller’s abort unchanged (%s)', async (_case, reason) => {
    github = await startFakeGitHub();
    github.route(GITHUB_ROUTES.listIssues, () => ({ hang: true }));
    const controller = new AbortController();
    const pending = listIssues({ signal: controller.signal }).catch((caught: unknown) => caught);
    await expect.poll(() => github.count(GITHUB_ROUTES.listIssues)).toBe(1);
    controller.abort(reason);

    expect(await pending).toBe(controller.signal.reason);
  });

  // The core's fetch may enforce its own deadline without aborting ctx.signal.
  it.each([
    ['AbortError', new DOMException('aborted', 'AbortError')],
    ['TimeoutError', new DOMException('deadline passed', 'TimeoutError')],
  ])('rethrows an abort from ctx.fetch unchanged (%s)', async (_name, failure) => {
    github = await startFakeGitHub();
    const abortingFetch: typeof fetch = () => Promise.reject(failure);
    await expect(listIssues({ fetch: abortingFetch })).rejects.toBe(failure);
  });

  it('passes errors that are not GitHub failures through unchanged', () => {
    const bug = new RangeError('a bug in the plugin');
    expect(toPluginError(bug)).toBe(bug);
  });
});
