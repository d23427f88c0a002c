import { errorMappingCases } from '@mcpist/plugin-sdk/testing';
import { describe, it } from 'vitest';
import {
  CONFLUENCE_ROUTES,
  confluenceError,
  type FakeConfluence,
  startFakeConfluence,
} from '../test/fake-confluence.js';
import { plugin } from './index.js';

// The status table (401, 403, 404, 429, 5xx, …) is @mcpist/atlassian's, tested there with confluence.js's own
// errors. These rows check what is Confluence's: its fake's answers and its strict response schemas.
const cases = errorMappingCases(plugin, {
  tool: 'get_page',
  input: { page_id: '3000001' },
  route: CONFLUENCE_ROUTES.getPage,
  start: () => startFakeConfluence(),
  connect: (confluence: FakeConfluence) => ({ baseUrl: confluence.url, credential: confluence.credential }),
  answers: [
    {
      name: 'revoked token',
      credential: { kind: 'token', token: 'ATATT3xRevokedToken99', fields: { email: 'ada@example.com' } },
      expected: { kind: 'auth_invalid', status: 401 },
    },
    {
      name: '400 in Confluence’s v2 error shape',
      answer: confluenceError(400, "Provided value {x} for 'id' is not the correct type"),
      expected: { kind: 'invalid_input', status: 400 },
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
});
