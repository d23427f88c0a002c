import { errorMappingCases } from '@mcpist/plugin-sdk/testing';
import { describe, it } from 'vitest';
import {
  type FakeNotion,
  internalServerError,
  NOTION_ROUTES,
  notionError,
  objectNotFound,
  rateLimited,
  startFakeNotion,
  validationError,
} from '../test/fake-notion.js';
import { plugin } from './index.js';

const cases = errorMappingCases(plugin, {
  tool: 'list_users',
  input: {},
  route: NOTION_ROUTES.listUsers,
  start: () => startFakeNotion(),
  connect: (notion: FakeNotion) => ({ baseUrl: notion.url, credential: notion.token }),
  answers: [
    {
      name: '401 unauthorized',
      answer: notionError(401, 'unauthorized', 'API token is invalid.'),
      expected: { kind: 'auth_invalid', status: 401 },
    },
    { name: 'revoked token', credential: 'ntn_revokedToken123', expected: { kind: 'auth_invalid', status: 401 } },
    { name: '404 object_not_found', answer: objectNotFound('page', 'x'), expected: { kind: 'not_found', status: 404 } },
    {
      name: '429 rate_limited with Retry-After: 2',
      answer: rateLimited(2),
      expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
    },
    {
      name: '429 rate_limited without Retry-After',
      answer: notionError(429, 'rate_limited', 'You have been rate limited.'),
      expected: { kind: 'rate_limited', retryAfterMs: undefined },
    },
    {
      name: '400 validation_error naming a body field',
      answer: validationError('body.filter.property should be defined, instead was `undefined`.'),
      expected: { kind: 'invalid_input', status: 400, field: 'filter' },
    },
    {
      name: '400 invalid_request',
      answer: notionError(400, 'invalid_request', 'Unsupported request: query.'),
      expected: { kind: 'invalid_input', status: 400 },
    },
    {
      name: '403 restricted_resource',
      answer: notionError(403, 'restricted_resource', 'Insufficient permissions for this endpoint.'),
      expected: { kind: 'upstream_permanent', status: 403 },
    },
    {
      name: '409 conflict_error',
      answer: notionError(409, 'conflict_error', 'Conflict occurred while saving. Please try again.'),
      expected: { kind: 'upstream_transient', status: 409 },
    },
    {
      name: '500 internal_server_error',
      answer: internalServerError(),
      expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
    },
    {
      name: '503 with a code the client does not know',
      answer: notionError(503, 'database_connection_unavailable', 'Notion is unavailable.'),
      expected: { kind: 'upstream_transient', status: 503 },
    },
    {
      name: '502 with an HTML body',
      answer: { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' },
      expected: { kind: 'upstream_transient', status: 502 },
    },
    {
      name: '429 with an HTML body and Retry-After',
      answer: { status: 429, headers: { 'retry-after': '3' }, body: 'Too Many Requests' },
      expected: { kind: 'rate_limited', retryAfterMs: 3000 },
    },
  ],
});

describe('Notion error mapping', () => {
  it.each(cases)('$name', ({ run }) => run());
});
