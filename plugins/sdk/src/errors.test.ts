import { describe, expect, it } from 'vitest';
import {
  errorFromHttpStatus,
  isPluginError,
  NotFoundError,
  parseRetryAfter,
  type RateLimitedError,
  UpstreamTransientError,
} from './errors.js';

describe('errorFromHttpStatus', () => {
  it.each([
    [429, 'rate_limited'],
    [401, 'auth_invalid'],
    [404, 'not_found'],
    [400, 'invalid_input'],
    [422, 'invalid_input'],
    [408, 'upstream_transient'],
    [500, 'upstream_transient'],
    [503, 'upstream_transient'],
    [403, 'upstream_permanent'],
    [409, 'upstream_permanent'],
  ])('maps HTTP %i to %s', (status, kind) => {
    const error = errorFromHttpStatus({ status, message: 'failed' });
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(isPluginError(error)).toBe(true);
  });

  it('carries Retry-After and marks a 429 as not delivered', () => {
    const error = errorFromHttpStatus({ status: 429, message: 'slow down', retryAfter: '2' }) as RateLimitedError;
    expect(error.retryAfterMs).toBe(2000);
    expect(error.notDelivered).toBe(true);
    expect(new UpstreamTransientError('x').notDelivered).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2000],
    ['0.5', 500],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['', undefined],
    [null, undefined],
    ['soon', undefined],
  ])('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, Date.parse('Thu, 01 Jan 2026 00:00:00 GMT'))).toBe(expected);
  });
});

describe('isPluginError', () => {
  it('accepts errors from any SDK copy by brand and refuses look-alikes', () => {
    expect(isPluginError(new NotFoundError('gone'))).toBe(true);
    expect(isPluginError(Object.assign(new Error('x'), { kind: 'not_found' }))).toBe(false);
    expect(isPluginError({ kind: 'not_found', [Symbol.for('mcpist.plugin-error')]: true })).toBe(true);
  });
});
