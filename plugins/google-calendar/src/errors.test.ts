import { errorMappingCases } from '@mcpist/plugin-sdk/testing';
import { describe, it } from 'vitest';
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
import { plugin } from './index.js';

const cases = errorMappingCases(plugin, {
  tool: 'list_events',
  input: {},
  route: GOOGLE_CALENDAR_ROUTES.listEvents,
  start: () => startFakeGoogleCalendar(),
  connect: (google: FakeGoogleCalendar) => ({ baseUrl: google.url, credential: google.token }),
  answers: [
    { name: '401 authError', answer: authError, expected: { kind: 'auth_invalid', status: 401 } },
    { name: 'revoked token', credential: 'ya29.revokedToken123', expected: { kind: 'auth_invalid', status: 401 } },
    { name: '404 notFound', answer: notFound, expected: { kind: 'not_found', status: 404 } },
    {
      name: '410 deleted',
      answer: googleError(410, 'Resource has been deleted', { reason: 'deleted' }),
      expected: { kind: 'not_found', status: 410 },
    },
    {
      name: '429 with Retry-After: 2',
      answer: rateLimited(2),
      expected: { kind: 'rate_limited', status: 429, retryAfterMs: 2000, notDelivered: true },
    },
    {
      name: '429 without Retry-After',
      answer: rateLimited(),
      expected: { kind: 'rate_limited', status: 429, retryAfterMs: undefined },
    },
    {
      name: '403 rateLimitExceeded',
      answer: forbiddenRateLimit('rateLimitExceeded'),
      expected: { kind: 'rate_limited', status: 403 },
    },
    {
      name: '403 userRateLimitExceeded',
      answer: forbiddenRateLimit('userRateLimitExceeded'),
      expected: { kind: 'rate_limited', status: 403 },
    },
    {
      name: '403 insufficientPermissions (token lacks the calendar scope)',
      answer: insufficientScopes,
      expected: { kind: 'auth_invalid', status: 403 },
    },
    {
      name: '403 requiredAccessLevel',
      answer: googleError(403, 'You need to have writer access to this calendar.', { reason: 'requiredAccessLevel' }),
      expected: { kind: 'upstream_permanent', status: 403 },
    },
    {
      name: '400 naming the parameter',
      answer: badRequest('The specified time range is empty.', 'timeRangeEmpty', 'timeMax'),
      expected: { kind: 'invalid_input', status: 400, field: 'time_max' },
    },
    {
      name: '500 backendError',
      answer: backendError,
      expected: { kind: 'upstream_transient', status: 500, notDelivered: false },
    },
    {
      name: '503 with an HTML body',
      answer: { status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>Service Unavailable</h1>' },
      expected: { kind: 'upstream_transient', status: 503 },
    },
  ],
});

describe('Google Calendar error mapping', () => {
  it.each(cases)('$name', ({ run }) => run());
});
