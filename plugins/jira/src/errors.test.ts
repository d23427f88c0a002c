import { errorMappingCases } from '@mcpist/plugin-sdk/testing';
import { ApiError } from 'jira.js/core';
import { describe, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, jiraError, rateLimited, startFakeJira } from '../test/fake-jira.js';
import { plugin } from './index.js';

// The status table (401, 403, 404, 429, 5xx, …) is @mcpist/atlassian's, tested there with jira.js's own errors.
// These rows check what is Jira's: its fake's answers, its field names, its blamed inputs, its schema handling.
const connect = (jira: FakeJira) => ({ baseUrl: jira.url, credential: jira.credential });

const cases = errorMappingCases(plugin, {
  tool: 'get_issue',
  input: { issue_key: 'DEMO-1' },
  route: JIRA_ROUTES.getIssue,
  start: () => startFakeJira(),
  connect,
  answers: [
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
      name: '429 as Jira sends it',
      answer: rateLimited(2),
      expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000 },
    },
    {
      name: '400 naming a Jira field, blamed as the tool input',
      answer: jiraError(400, [], { issuetype: 'Specify a valid issue type' }),
      expected: { kind: 'invalid_input', status: 400, field: 'issue_type' },
    },
    {
      name: '200 with an HTML login page',
      answer: { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>Log in</html>' },
      expected: { kind: 'upstream_permanent' },
    },
  ],
  thrown: [
    // A 400 naming no field blames the tool's main input, which only mapError's tool context can tell.
    {
      name: '400 on a search naming no field, blamed on the JQL',
      tool: 'search_issues',
      error: () =>
        new ApiError('Jira answered HTTP 400', 400, 'Bad Request', { errorMessages: ["Field 'x' does not exist"] }),
      expected: { kind: 'invalid_input', status: 400, field: 'jql' },
    },
  ],
});

describe('Jira error mapping', () => {
  it.each(cases)('$name', ({ run }) => run());
});
