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
  type FakeNotion,
  internalServerError,
  NOTION_ROUTES,
  notionError,
  objectNotFound,
  rateLimited,
  startFakeNotion,
  validationError,
} from '../test/fake-notion.js';
import { toPluginError } from './errors.js';
import { plugin } from './index.js';

interface ErrorCase {
  name: string;
  answer: () => FakeResponse;
  type: abstract new (...args: never[]) => PluginError;
  expected: Record<string, unknown>;
}

const cases: ErrorCase[] = [
  {
    name: '401 unauthorized',
    answer: () => notionError(401, 'unauthorized', 'API token is invalid.'),
    type: AuthInvalidError,
    expected: { kind: 'auth_invalid', status: 401 },
  },
  {
    name: '404 object_not_found',
    answer: () => objectNotFound('page', 'x'),
    type: NotFoundError,
    expected: { kind: 'not_found', status: 404 },
  },
  {
    name: '429 rate_limited with Retry-After: 2',
    answer: () => rateLimited(2),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
  },
  {
    name: '429 rate_limited without Retry-After',
    answer: () => notionError(429, 'rate_limited', 'You have been rate limited.'),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', retryAfterMs: undefined },
  },
  {
    name: '400 validation_error naming a body field',
    answer: () => validationError('body.filter.property should be defined, instead was `undefined`.'),
    type: InvalidInputError,
    expected: { kind: 'invalid_input', status: 400, field: 'filter' },
  },
  {
    name: '400 invalid_request',
    answer: () => notionError(400, 'invalid_request', 'Unsupported request: query.'),
    type: InvalidInputError,
    expected: { kind: 'invalid_input', status: 400 },
  },
  {
    name: '403 restricted_resource',
    answer: () => notionError(403, 'restricted_resource', 'Insufficient permissions for this endpoint.'),
    type: UpstreamPermanentError,
    expected: { kind: 'upstream_permanent', status: 403 },
  },
  {
    name: '409 conflict_error',
    answer: () => notionError(409, 'conflict_error', 'Conflict occurred while saving. Please try again.'),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 409 },
  },
  {
    name: '500 internal_server_error',
    answer: () => internalServerError(),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
  },
  {
    name: '503 with a code the client does not know',
    answer: () => notionError(503, 'database_connection_unavailable', 'Notion is unavailable.'),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 503 },
  },
  {
    name: '502 with an HTML body',
    answer: () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' }),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 502 },
  },
  {
    name: '429 with an HTML body and Retry-After',
    answer: () => ({ status: 429, headers: { 'retry-after': '3' }, body: 'Too Many Requests' }),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', retryAfterMs: 3000 },
  },
];

describe('Notion error mapping', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const listUsers = (options: Parameters<typeof runTool>[3] = {}) =>
    runTool(plugin, 'list_users', {}, { baseUrl: notion.url, credential: notion.token, ...options });

  it.each(cases)('maps $name', async ({ answer, type, expected }) => {
    notion = await startFakeNotion();
    notion.route(NOTION_ROUTES.listUsers, answer);
    const error = await listUsers().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(expected);
    expect((error as Error).message).toMatch(/^Notion: /);
    expect((error as Error).message).not.toContain(notion.token);
  });

  it('maps a rejected token to auth_invalid without echoing it', async () => {
    notion = await startFakeNotion();
    const error = await listUsers({ credential: 'ntn_revokedToken123' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(error).toMatchObject({ kind: 'auth_invalid', status: 401 });
    expect((error as Error).message).not.toContain('ntn_revokedToken123');
  });

  it('never retries by itself: the core does, honouring Retry-After and the deadline', async () => {
    notion = await startFakeNotion();
    notion.route(NOTION_ROUTES.listUsers, () => rateLimited(0));
    await expect(listUsers()).rejects.toBeInstanceOf(RateLimitedError);
    notion.route(NOTION_ROUTES.listUsers, () => internalServerError());
    await expect(listUsers()).rejects.toBeInstanceOf(UpstreamTransientError);
    expect(notion.count(NOTION_ROUTES.listUsers)).toBe(2);
  });

  it('maps a refused connection to a transient error that was not delivered', async () => {
    notion = await startFakeNotion();
    await notion.close();
    const error = await listUsers().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UpstreamTransientError);
    expect(error).toMatchObject({ kind: 'upstream_transient', notDelivered: true, status: undefined });
  });

  it.each([
    ['an AbortError', undefined],
    ['a TimeoutError reason', new DOMException('deadline passed', 'TimeoutError')],
    ['a custom reason', new Error('call cancelled by the client')],
  ])('rethrows the caller’s abort unchanged (%s)', async (_case, reason) => {
    notion = await startFakeNotion();
    notion.route(NOTION_ROUTES.listUsers, () => ({ hang: true }));
    const controller = new AbortController();
    const pending = listUsers({ signal: controller.signal }).catch((caught: unknown) => caught);
    await expect.poll(() => notion.count(NOTION_ROUTES.listUsers)).toBe(1);
    controller.abort(reason);

    expect(await pending).toBe(controller.signal.reason);
  });

  // The core's fetch may enforce its own deadline without aborting ctx.signal.
  it.each([
    ['AbortError', new DOMException('aborted', 'AbortError')],
    ['TimeoutError', new DOMException('deadline passed', 'TimeoutError')],
  ])('rethrows an abort from ctx.fetch unchanged (%s)', async (_name, failure) => {
    notion = await startFakeNotion();
    const abortingFetch: typeof fetch = () => Promise.reject(failure);
    await expect(listUsers({ fetch: abortingFetch })).rejects.toBe(failure);
  });

  it('passes errors that are not Notion failures through unchanged', () => {
    const bug = new RangeError('a bug in the plugin');
    expect(toPluginError(bug)).toBe(bug);
  });
});
