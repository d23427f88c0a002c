import { errorMappingCases } from '@mcpist/plugin-sdk/testing';
import { describe, it } from 'vitest';
import {
  type FakeGitHub,
  GITHUB_ROUTES,
  gitHubError,
  primaryRateLimit,
  secondaryRateLimit,
  startFakeGitHub,
} from '../test/fake-github.js';
import { plugin } from './index.js';

const RESET_IN_SECONDS = 30;

const cases = errorMappingCases(plugin, {
  tool: 'list_issues',
  input: { owner: 'octo-org', repo: 'hello-world' },
  route: GITHUB_ROUTES.listIssues,
  start: () => startFakeGitHub(),
  connect: (github: FakeGitHub) => ({ baseUrl: github.url, credential: github.token }),
  answers: [
    { name: '401', answer: gitHubError(401, 'Bad credentials'), expected: { kind: 'auth_invalid', status: 401 } },
    {
      name: 'revoked token, refused by the fake itself',
      credential: 'ghp_revokedToken123',
      expected: { kind: 'auth_invalid', status: 401 },
    },
    { name: '404', answer: gitHubError(404, 'Not Found'), expected: { kind: 'not_found', status: 404 } },
    {
      name: '429 with Retry-After: 2',
      answer: gitHubError(429, 'Too Many Requests', { 'retry-after': '2' }),
      expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
    },
    {
      name: '403 with x-ratelimit-remaining: 0 (primary limit), waiting until x-ratelimit-reset',
      answer: () => primaryRateLimit(Math.floor(Date.now() / 1000) + RESET_IN_SECONDS),
      expected: {
        kind: 'rate_limited',
        status: 403,
        // The reset is whole epoch seconds, so up to one second of the wait is lost to rounding.
        retryAfterMs: (ms) => ms !== undefined && ms > (RESET_IN_SECONDS - 5) * 1000 && ms <= RESET_IN_SECONDS * 1000,
      },
    },
    {
      name: '403 with retry-after (secondary limit)',
      answer: secondaryRateLimit(5),
      expected: { kind: 'rate_limited', status: 403, retryAfterMs: 5000 },
    },
    {
      name: '403 secondary limit without headers',
      answer: gitHubError(403, 'You have exceeded a secondary rate limit.'),
      expected: { kind: 'rate_limited', retryAfterMs: 60_000 },
    },
    {
      name: '403 forbidden',
      answer: gitHubError(403, 'Resource not accessible by personal access token'),
      expected: { kind: 'upstream_permanent', status: 403 },
    },
    {
      name: '500',
      answer: gitHubError(500, 'Server Error'),
      expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
    },
    {
      name: '502 with an HTML body',
      answer: { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' },
      expected: { kind: 'upstream_transient', status: 502 },
    },
    {
      name: '422 naming the field',
      answer: {
        status: 422,
        json: {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', code: 'invalid', field: 'labels' }],
          documentation_url: 'https://docs.github.com/rest',
        },
      },
      expected: { kind: 'invalid_input', status: 422, field: 'labels' },
    },
  ],
});

describe('GitHub error mapping', () => {
  it.each(cases)('$name', ({ run }) => run());
});
