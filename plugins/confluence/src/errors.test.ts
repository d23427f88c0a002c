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
  CONFLUENCE_ROUTES,
  confluenceError,
  confluenceV1Error,
  type FakeConfluence,
  rateLimited,
  startFakeConfluence,
} from '../test/fake-confluence.js';
import { describeFailure, toPluginError } from './errors.js';
import { plugin } from './index.js';

interface ErrorCase {
  name: string;
  answer: () => FakeResponse;
  type: abstract new (...args: never[]) => PluginError;
  expected: Record<string, unknown>;
}

const cases: ErrorCase[] = [
  {
    name: '401',
    answer: () => confluenceError(401),
    type: AuthInvalidError,
    expected: { kind: 'auth_invalid', status: 401 },
  },
  {
    name: '404',
    answer: () => confluenceError(404),
    type: NotFoundError,
    expected: { kind: 'not_found', status: 404 },
  },
  {
    name: '429 with Retry-After: 2',
    answer: () => rateLimited(2),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
  },
  {
    name: '429 without Retry-After',
    answer: () => confluenceError(429),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', retryAfterMs: undefined },
  },
  {
    name: '400',
    answer: () => confluenceError(400, "Provided value {x} for 'id' is not the correct type"),
    type: InvalidInputError,
    expected: { kind: 'invalid_input', status: 400 },
  },
  {
    name: '403',
    answer: () => confluenceError(403),
    type: UpstreamPermanentError,
    expected: { kind: 'upstream_permanent', status: 403 },
  },
  {
    name: '500',
    answer: () => confluenceError(500),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
  },
  {
    name: '503 with an HTML body',
    answer: () => ({ status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>Unavailable</h1>' }),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 503, message: 'Confluence: HTTP 503' },
  },
  {
    name: 'a 200 in an unexpected shape',
    answer: () => ({ json: { id: 3000001, title: ['not', 'a', 'string'] } }),
    type: UpstreamPermanentError,
    expected: { kind: 'upstream_permanent' },
  },
];

describe('Confluence error mapping', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const getPage = (options: Parameters<typeof runTool>[3] = {}) =>
    runTool(
      plugin,
      'get_page',
      { page_id: '3000001' },
      { baseUrl: confluence.url, credential: confluence.credential, ...options },
    );

  it.each(cases)('maps $name', async ({ answer, type, expected }) => {
    confluence = await startFakeConfluence();
    confluence.route(CONFLUENCE_ROUTES.getPage, answer);
    const error = await getPage().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(expected);
    expect((error as Error).message).not.toContain(confluence.token);
  });

  it('maps a rejected token to auth_invalid without echoing it', async () => {
    confluence = await startFakeConfluence();
    const credential = { ...confluence.credential, token: 'ATATT3xRevokedToken99' };
    const error = await getPage({ credential }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'auth_invalid', status: 401 });
    expect(JSON.stringify(error)).not.toContain('ATATT3xRevokedToken99');
    expect((error as Error).message).not.toContain('ATATT3xRevokedToken99');
  });

  it('maps a v1 (search) failure with the v1 error body', async () => {
    confluence = await startFakeConfluence();
    confluence.route(CONFLUENCE_ROUTES.search, () => confluenceV1Error(400, 'Could not parse cql : type = = page'));
    const error = await runTool(
      plugin,
      'search',
      { cql: 'type = = page' },
      {
        baseUrl: confluence.url,
        credential: confluence.credential,
      },
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('Confluence: Could not parse cql : type = = page');
  });

  it('maps a refused connection to a transient error that was not delivered', async () => {
    confluence = await startFakeConfluence();
    await confluence.close();
    const error = await getPage().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UpstreamTransientError);
    expect(error).toMatchObject({ kind: 'upstream_transient', notDelivered: true, status: undefined });
    expect((error as Error).message).toBe('Confluence could not be reached (ECONNREFUSED)');
  });

  it.each([
    ['an AbortError', undefined],
    ['a TimeoutError reason', new DOMException('deadline passed', 'TimeoutError')],
    ['a custom reason', new Error('call cancelled by the client')],
  ])('rethrows the caller’s abort unchanged (%s)', async (_case, reason) => {
    confluence = await startFakeConfluence();
    confluence.route(CONFLUENCE_ROUTES.getPage, () => ({ hang: true }));
    const controller = new AbortController();
    const pending = getPage({ signal: controller.signal }).catch((caught: unknown) => caught);
    await expect.poll(() => confluence.count(CONFLUENCE_ROUTES.getPage)).toBe(1);
    controller.abort(reason);

    expect(await pending).toBe(controller.signal.reason);
  });

  // The core's fetch may enforce its own deadline without aborting ctx.signal.
  it.each([
    ['AbortError', new DOMException('aborted', 'AbortError')],
    ['TimeoutError', new DOMException('deadline passed', 'TimeoutError')],
  ])('rethrows an abort from ctx.fetch unchanged (%s)', async (_name, failure) => {
    confluence = await startFakeConfluence();
    const abortingFetch: typeof fetch = () => Promise.reject(failure);
    await expect(getPage({ fetch: abortingFetch })).rejects.toBe(failure);
  });

  it('passes errors that are not Confluence failures through unchanged', () => {
    const bug = new RangeError('a bug in the plugin');
    expect(toPluginError(bug)).toBe(bug);
  });

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
