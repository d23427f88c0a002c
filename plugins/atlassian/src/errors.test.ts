import { errorMappingCases } from '@mcpist/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { ACME_ROUTES, acmePlugin, SDKS, startFakeAcme } from '../test/acme-plugin.js';
import { atlassianErrorMapper, describeAtlassianError } from './errors.js';

type FakeAcme = Awaited<ReturnType<typeof startFakeAcme>>;
const connect = (acme: FakeAcme) => ({ baseUrl: acme.url, credential: acme.credential });
const jiraError = (status: number, errorMessages: string[], errors: Record<string, string> = {}) => ({
  status,
  json: { errorMessages, errors },
});

// Every Atlassian answer the shared transport and mapper must classify, through each SDK's own error classes.
describe.each(SDKS)('the Atlassian error mapping with $name', ({ sdk, schemaMismatch }) => {
  const plugin = acmePlugin(sdk);
  const cases = errorMappingCases(plugin, {
    tool: 'get_thing',
    input: { id: 'T-1' },
    route: ACME_ROUTES.getThing,
    start: startFakeAcme,
    connect,
    answers: [
      {
        name: '401 (plain text)',
        answer: { status: 401, body: 'nope' },
        expected: { kind: 'auth_invalid', status: 401 },
      },
      {
        name: '401 scope does not match',
        answer: { status: 401, json: { code: 401, message: 'Unauthorized; scope does not match' } },
        expected: { kind: 'auth_invalid', status: 401 },
      },
      {
        name: 'revoked token',
        credential: { kind: 'token', token: 'revoked', fields: { email: 'ada@example.com' } },
        expected: { kind: 'auth_invalid', status: 401 },
      },
      { name: '403', answer: jiraError(403, ['No permission']), expected: { kind: 'upstream_permanent', status: 403 } },
      { name: '404', answer: jiraError(404, ['Gone']), expected: { kind: 'not_found', status: 404 } },
      { name: '409', answer: { status: 409, json: {} }, expected: { kind: 'upstream_permanent', status: 409 } },
      {
        name: '429 with Retry-After: 2',
        answer: { status: 429, headers: { 'retry-after': '2' }, json: {} },
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
        name: '429 saying no wait',
        answer: { status: 429, json: {} },
        expected: { kind: 'rate_limited', retryAfterMs: undefined },
      },
      {
        name: '400 naming a field, translated to the input name',
        answer: jiraError(400, [], { issuetype: 'Specify a valid issue type' }),
        expected: { kind: 'invalid_input', status: 400, field: 'issue_type' },
      },
      {
        name: '400 in Confluence v2 shape, naming no field',
        answer: { status: 400, json: { errors: [{ status: 400, code: 'INVALID', title: 'Bad id' }] } },
        expected: { kind: 'invalid_input', status: 400, field: undefined },
      },
      {
        name: '500',
        answer: { status: 500, json: {} },
        expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
      },
      {
        name: '502 with an HTML body',
        answer: { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' },
        expected: { kind: 'upstream_transient', status: 502 },
      },
    ],
    thrown: [
      // A 400 naming no field blames the tool's main input, which only mapError's tool context can tell.
      {
        name: '400 naming no field, blamed on the tool’s input',
        tool: 'find_things',
        error: () => new sdk.ApiError('bad', 400, 'Bad Request', { errorMessages: ["Field 'colour' does not exist"] }),
        expected: { kind: 'invalid_input', status: 400, field: 'query' },
      },
      { name: 'schema mismatch', error: schemaMismatch, expected: { kind: 'upstream_permanent' } },
      // Each SDK brands its errors: the other SDK's are not recognised, which is why the plugin passes its own.
      {
        name: 'error of the other SDK, unchanged',
        error: () => new (SDKS.find((other) => other.sdk !== sdk)?.sdk.ServerError ?? Error)('x', 503, '', {}),
        expected: 'unchanged',
      },
    ],
  });

  it.each(cases)('$name', ({ run }) => run());

  it('lets a caller-named field override the tool’s blamed one (deprecated per-call wrappers)', () => {
    const map = atlassianErrorMapper({ product: 'Acme', sdk, blamedByTool: { find_things: 'query' } });
    const error = new sdk.ApiError('bad', 400, 'Bad Request', { errorMessages: ['bad'] });
    expect(map(error, { tool: 'find_things' }, 'jql')).toMatchObject({ kind: 'invalid_input', field: 'jql' });
  });
});

describe('describeAtlassianError', () => {
  // Jira's ErrorCollection, Confluence's v2 and v1 shapes, the gateway's message: the explanation, never headers.
  it.each([
    [{ errorMessages: ['a', 'b'], errors: {} }, { message: 'Acme: a; b' }],
    [
      { errorMessages: [], errors: { summary: 'required', issuetype: 'bad' } },
      { message: 'Acme: summary: required; issuetype: bad', field: 'summary' },
    ],
    [{ errors: { issuetype: 'bad' } }, { message: 'Acme: issuetype: bad', field: 'issue_type' }],
    [
      { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] },
      { message: 'Acme: Not Found' },
    ],
    [
      { errors: [{ status: 400, code: 'X', title: 'Bad', detail: 'spaceId is wrong' }] },
      { message: 'Acme: Bad: spaceId is wrong' },
    ],
    [{ errors: [{ code: 'ONLY_CODE' }] }, { message: 'Acme: ONLY_CODE' }],
    [{ statusCode: 400, message: 'Could not parse cql' }, { message: 'Acme: Could not parse cql' }],
    [{ data: { errors: [{ message: { translation: 'Title exists' } }] } }, { message: 'Acme: Title exists' }],
    ['plain words', { message: 'Acme: plain words' }],
    ['<html>oops</html>', { message: 'Acme: HTTP 503' }],
    [undefined, { message: 'Acme: HTTP 503' }],
    ['x'.repeat(500), { message: `Acme: ${'x'.repeat(200)}` }],
  ])('describes %j', (body, expected) => {
    expect(describeAtlassianError('Acme', 503, body, { issuetype: 'issue_type' })).toEqual(expected);
  });
});
