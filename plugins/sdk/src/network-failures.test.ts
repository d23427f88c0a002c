import { describe, expect, it } from 'vitest';
import { abortFailure, networkErrorCode, unreachableError } from './network-failures.js';

const withCode = (code: string) => Object.assign(new Error('socket'), { code });
const fetchFailed = (code: string) => new TypeError('fetch failed', { cause: withCode(code) });

describe('abortFailure', () => {
  it.each([
    ['an AbortError', () => Object.assign(new Error('aborted'), { name: 'AbortError' })],
    ['a TimeoutError', () => new DOMException('timed out', 'TimeoutError')],
  ])('returns %s itself', (_name, make) => {
    const error = make();
    expect(abortFailure(error)).toBe(error);
  });

  it("unwraps an SDK's wrapper whose cause is the abort, and takes an aborted signal's reason", () => {
    const abort = new DOMException('timed out', 'TimeoutError');
    expect(abortFailure(new Error('request failed', { cause: abort }))).toBe(abort);
    const controller = new AbortController();
    const reason = new Error('deadline');
    controller.abort(reason);
    expect(abortFailure(new Error('anything'), controller.signal)).toBe(reason);
  });

  it('leaves every other failure alone', () => {
    expect(abortFailure(fetchFailed('ECONNRESET'), new AbortController().signal)).toBeUndefined();
  });
});

describe('unreachableError', () => {
  it.each([
    ['ECONNREFUSED', true],
    ['ENOTFOUND', true],
    ['EAI_AGAIN', true],
    ['ECONNRESET', false],
    ['ETIMEDOUT', false],
  ])('names %s and marks notDelivered=%s', (code, notDelivered) => {
    const error = unreachableError('Acme', fetchFailed(code));
    expect(error.kind).toBe('upstream_transient');
    expect(error.message).toBe(`Acme could not be reached (${code})`);
    expect(error.notDelivered).toBe(notDelivered);
  });

  it('finds the code on the error itself or down its cause chain, and does without one', () => {
    expect(networkErrorCode(withCode('EPIPE'))).toBe('EPIPE');
    expect(networkErrorCode(new Error('a', { cause: new Error('b', { cause: withCode('ECONNRESET') }) }))).toBe(
      'ECONNRESET',
    );
    const none = unreachableError('Acme', new TypeError('fetch failed'));
    expect(none.message).toBe('Acme could not be reached');
    expect(none.notDelivered).toBe(false);
  });
});
