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
  authError,
  backendError,
  badRequest,
  type FakeGoogleCalendar,
  forbiddenRateLimit,
  GOOGLE_CALENDAR_ROUTES,
  googleError,
  insufficientScopes,
  notFound,
  rateLimited,
  startFakeGoogleCalendar,
} from '../test/fake-google-calendar.js';
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
    name: '401 authError',
    answer: authError,
    type: AuthInvalidError,
    expected: { kind: 'auth_invalid', status: 401 },
  },
  {
    name: '404 notFound',
    answer: notFound,
    type: NotFoundError,
    expected: { kind: 'not_found', status: 404 },
  },
  {
    name: '410 deleted',
    answer: () => googleError(410, 'Resource has been deleted', { reason: 'deleted' }),
    type: NotFoundError,
    expected: { kind: 'not_found', status: 410 },
  },
  {
    name: '429 with Retry-After: 2',
    answer: () => rateLimited(2),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
  },
  {
    name: '429 without Retry-After',
    answer: () => rateLimited(),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 429, retryAfterMs: undefined },
  },
  {
    name: '403 rateLimitExceeded',
    answer: () => forbiddenRateLimit('rateLimitExceeded'),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 403 },
  },
  {
    name: '403 userRateLimitExceeded',
    answer: () => forbiddenRateLimit('userRateLimitExceeded'),
    type: RateLimitedError,
    expected: { kind: 'rate_limited', status: 403 },
  },
  {
    name: '403 insufficientPermissions (token lacks the calendar scope)',
    answer: insufficientScopes,
    type: AuthInvalidError,
    expected: { kind: 'auth_invalid', status: 403 },
  },
  {
    name: '403 requiredAccessLevel',
    answer: () =>
      googleError(403, 'You need to have writer access to this calendar.', { reason: 'requiredAccessLevel' }),
    type: UpstreamPermanentError,
    expected: { kind: 'upstream_permanent', status: 403 },
  },
  {
    name: '400 naming the parameter',
    answer: () => badRequest('The specified time range is empty.', 'timeRangeEmpty', 'timeMax'),
    type: InvalidInputError,
    expected: { kind: 'invalid_input', status: 400, field: 'time_max' },
  },
  {
    name: '500 backendError',
    answer: backendError,
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
  },
  {
    name: '503 with an HTML body',
    answer: () => ({ status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>Service Unavailable</h1>' }),
    type: UpstreamTransientError,
    expected: { kind: 'upstream_transient', status: 503 },
  },
];

describe('Google Calendar error mapping', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const listEvents = (options: Parameters<typeof runTool>[3] = {}) =>
    runTool(plugin, 'list_events', {}, { baseUrl: google.url, credential: google.token, ...options });

  it.each(cases)('maps $name', async ({ answer, type, expected }) => {
    google = await startFakeGoogleCalendar();
    google.route(GOOGLE_CALENDAR_ROUTES.listEvents, answer);
    const error = await listEvents().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(expected);
    expect((error as Error).message).toMatch(/^Google Calendar: /);
    expect((error as Error).message).not.toContain(google.token);
    // gaxios's own retries are off: the core decides, so exactly one request was made.
    expect(google.count(GOOGLE_CALENDAR_ROUTES.listEvents)).toBe(1);
  });

  it('maps a rejected token to auth_invalid without echoing it', async () => {
    google = await startFakeGoogleCalendar();
    const error = await listEvents({ credential: 'ya29.revokedToken123' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(error).toMatchObject({ kind: 'auth_invalid', status: 401 });
    expect((error as Error).message).not.toContain('ya29.revokedToken123');
  });

  it('maps a refused connection to a transient error that was not delivered', async () => {
    google = await startFakeGoogleCalendar();
    await google.close();
    const error = await listEvents().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UpstreamTransientError);
    expect(error).toMatchObject({ kind: 'upstream_transient', notDelivered: true, status: undefined });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it.each([
    ['an AbortError', undefined],
    ['a TimeoutError reason', new DOMException('deadline passed', 'TimeoutError')],
    ['a custom reason', new Error('call cancelled by the client')],
  ])('rethrows the caller’s abort unchanged (%s)', async (_case, reason) => {
    google = await startFakeGoogleCalendar();
    google.route(GOOGLE_CALENDAR_ROUTES.listEvents, () => ({ hang: true }));
    const controller = new AbortController();
    const pending = listEvents({ signal: controller.signal }).catch((caught: unknown) => caught);
    await expect.poll(() => google.count(GOOGLE_CALENDAR_ROUTES.listEvents)).toBe(1);
    controller.abort(reason);

    expect(await pending).toBe(controller.signal.reason);
  });

  // The core's fetch may enforce its own deadline without aborting ctx.signal.
  it.each([
    ['AbortError', new DOMException('aborted', 'AbortError')],
    ['TimeoutError', new DOMException('deadline passed', 'TimeoutError')],
  ])('rethrows an abort from ctx.fetch unchanged (%s)', async (_name, failure) => {
    google = await startFakeGoogleCalendar();
    const abortingFetch: typeof fetch = () => Promise.reject(failure);
    await expect(listEvents({ fetch: abortingFetch })).rejects.toBe(failure);
  });

  it('passes errors that are not Google failures through unchanged', () => {
    const bug = new RangeError('a bug in the plugin');
    expect(toPluginError(bug)).toBe(bug);
  });
});
