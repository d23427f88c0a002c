import { errorMappingCases } from '@mcpist/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import {
  type FakeJira,
  JIRA_ROUTES,
  jiraError,
  rateLimited,
  serverError,
  startFakeJira,
  unauthorized,
} from '../test/fake-jira.js';
import { describeJiraError } from './errors.js';
import { plugin } from './index.js';

const connect = (jira: FakeJira) => ({ baseUrl: jira.url, credential: jira.credential });

const cases = errorMappingCases(plugin, {
  tool: 'get_issue',
  input: { issue_key: 'DEMO-1' },
  route: JIRA_ROUTES.getIssue,
  start: () => startFakeJira(),
  connect,
  answers: [
    { name: '401 (plain text)', answer: unauthorized, expected: { kind: 'auth_invalid', status: 401 } },
    {
      name: '401 scope does not match',
      answer: { status: 401, json: { code: 401, message: 'Unauthorized; scope does not match' } },
      expected: { kind: 'auth_invalid', status: 401 },
    },
    {
      name: 'revoked token',
      credential: {
        kind: 'token',
        token: 'ATATT-revoked-123',
        fields: { email: 'mia@example.com', site: 'acme.atlassian.net' },
      },
      expected: { kind: 'auth_invalid', status: 401 },
    },
    {
      name: '404',
      answer: jiraError(404, ['Issue does not exist or you do not have permission to see it.']),
      expected: { kind: 'not_found', status: 404 },
    },
    {
      name: '429 with Retry-After: 2',
      answer: rateLimited(2),
      expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
    },
    {
      name: '429 with only X-RateLimit-Reset, waiting until then',
      answer: () => ({
        status: 429,
        headers: { 'x-ratelimit-reset': new Date(Date.now() + 120_000).toISOString().slice(0, 16).concat('Z') },
      }),
      // The header has minute precision.
      expected: { kind: 'rate_limited', retryAfterMs: (ms) => ms !== undefined && ms > 55_000 && ms <= 120_000 },
    },
    {
      name: '403',
      answer: jiraError(403, ['You do not have permission to delete issues in this project.']),
      expected: { kind: 'upstream_permanent', status: 403 },
    },
    {
      name: '400 naming a field',
      answer: jiraError(400, [], { issuetype: 'Specify a valid issue type' }),
      expected: { kind: 'invalid_input', status: 400, field: 'issue_type' },
    },
    {
      name: '500',
      answer: serverError(),
      expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
    },
    {
      name: '502 with an HTML body',
      answer: { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' },
      expected: { kind: 'upstream_transient', status: 502 },
    },
    {
      name: '200 with an HTML login page',
      answer: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Log in</html>' },
      expected: { kind: 'upstream_permanent' },
    },
  ],
});

// A 400 naming no field blames the tool's main input, which only mapError's tool context can tell.
const searchCases = errorMappingCases(plugin, {
  tool: 'search_issues',
  input: { jql: 'project = DEMO' },
  route: JIRA_ROUTES.searchIssues,
  start: () => startFakeJira(),
  connect,
  answers: [
    {
      name: '400 on a search, naming no field',
      answer: jiraError(400, ["Field 'colour' does not exist or you do not have permission to view it."]),
      expected: { kind: 'invalid_input', status: 400, field: 'jql' },
    },
  ],
}).slice(0, 1); // only the answer case: the standard cases already ran for get_issue

describe('Jira error mapping', () => {
  it.each([...cases, ...searchCases])('$name', ({ run }) => run());

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
