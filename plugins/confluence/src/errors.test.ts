import { errorMappingCases } from '@mcpist/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import {
  CONFLUENCE_ROUTES,
  confluenceError,
  type FakeConfluence,
  rateLimited,
  startFakeConfluence,
} from '../test/fake-confluence.js';
import { describeFailure } from './errors.js';
import { plugin } from './index.js';

const cases = errorMappingCases(plugin, {
  tool: 'get_page',
  input: { page_id: '3000001' },
  route: CONFLUENCE_ROUTES.getPage,
  start: () => startFakeConfluence(),
  connect: (confluence: FakeConfluence) => ({ baseUrl: confluence.url, credential: confluence.credential }),
  answers: [
    { name: '401', answer: confluenceError(401), expected: { kind: 'auth_invalid', status: 401 } },
    {
      name: 'revoked token',
      credential: { kind: 'token', token: 'ATATT3xRevokedToken99', fields: { email: 'ada@example.com' } },
      expected: { kind: 'auth_invalid', status: 401 },
    },
    { name: '404', answer: confluenceError(404), expected: { kind: 'not_found', status: 404 } },
    {
      name: '429 with Retry-After: 2',
      answer: rateLimited(2),
      expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
    },
    {
      name: '429 without Retry-After',
      answer: confluenceError(429),
      expected: { kind: 'rate_limited', retryAfterMs: undefined },
    },
    {
      name: '400',
      answer: confluenceError(400, "Provided value {x} for 'id' is not the correct type"),
      expected: { kind: 'invalid_input', status: 400 },
    },
    { name: '403', answer: confluenceError(403), expected: { kind: 'upstream_permanent', status: 403 } },
    {
      name: '500',
      answer: confluenceError(500),
      expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
    },
    {
      name: '503 with an HTML body',
      answer: { status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>Unavailable</h1>' },
      expected: { kind: 'upstream_transient', status: 503 },
    },
    {
      name: '200 in an unexpected shape',
      answer: { json: { id: 3000001, title: ['not', 'a', 'string'] } },
      expected: { kind: 'upstream_permanent' },
    },
  ],
});

describe('Confluence error mapping', () => {
  it.each(cases)('$name', ({ run }) => run());

  // Confluence answers in two error shapes (v2 and v1); the message must carry its explanation, never headers.
  it.each([
    [{ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] }, 'Confluence: Not Found'],
    [
      { errors: [{ status: 400, code: 'X', title: 'Bad', detail: 'spaceId is wrong' }] },
      'Confluence: Bad: spaceId is wrong',
    ],
    [{ statusCode: 400, message: 'Could not parse cql' }, 'Confluence: Could not parse cql'],
    [{ data: { errors: [{ message: { translation: 'Title exists' } }] } }, 'Confluence: Title exists'],
    ['<html>oops</html>', 'Confluence: HTTP 502'],
    ['x'.repeat(500), `Confluence: ${'x'.repeat(200)}`],
  ])('describes %j as %j', (body, message) => {
    expect(describeFailure(502, body)).toBe(message);
  });
});
