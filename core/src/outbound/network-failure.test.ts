import { isPluginError, type PluginError } from '@mcpist/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { networkFailure, networkFailureOf } from './network-failure.js';

/** undici's shape: a TypeError "fetch failed" whose cause has the socket code. */
function fetchFailed(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

describe('networkFailure', () => {
  it.each([
    ['ENOTFOUND', 'DNS lookup failed', 'upstream_transient', true],
    ['EAI_AGAIN', 'DNS lookup failed for now', 'upstream_transient', true],
    ['ECONNREFUSED', 'connection refused', 'upstream_transient', true],
    ['ECONNRESET', 'connection reset', 'upstream_transient', false],
    ['UND_ERR_SOCKET', 'connection closed by the other side', 'upstream_transient', false],
    ['UND_ERR_CONNECT_TIMEOUT', 'connection timed out', 'upstream_transient', true],
    ['EHOSTUNREACH', 'host unreachable', 'upstream_transient', true],
    ['ENETDOWN', 'network error', 'upstream_transient', false],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS handshake failed', 'upstream_permanent', true],
    ['CERT_HAS_EXPIRED', 'TLS handshake failed', 'upstream_permanent', true],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS handshake failed', 'upstream_permanent', true],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS handshake failed', 'upstream_permanent', true],
  ] as const)('%s: "%s", %s, notDelivered %s', (code, what, kind, notDelivered) => {
    const error = networkFailure('https://api.github.com/user', fetchFailed(code)) as PluginError;
    expect(isPluginError(error)).toBe(true);
    expect({ kind: error.kind, notDelivered: error.notDelivered, message: error.message }).toEqual({
      kind,
      notDelivered,
      message: `could not reach api.github.com: ${what} (${code})`,
    });
    expect(networkFailureOf(error)).toMatchObject({
      host: 'api.github.com',
      code,
      what,
      retriable: kind === 'upstream_transient',
    });
  });

  it('names the port when it is not the scheme’s default', () => {
    const error = networkFailure('http://127.0.0.1:8088/v1/users', fetchFailed('ECONNREFUSED'));
    expect(networkFailureOf(error)?.host).toBe('127.0.0.1:8088');
  });

  it('leaves alone what is not a network failure: no code, or a code that is not a socket’s', () => {
    expect(networkFailure('https://api.github.com/', new TypeError('fetch failed'))).toBeUndefined();
    expect(networkFailure('https://api.github.com/', fetchFailed('UND_ERR_INVALID_ARG'))).toBeUndefined();
    expect(networkFailure('https://api.github.com/', new DOMException('aborted', 'AbortError'))).toBeUndefined();
  });

  it('knows only the errors it made', () => {
    expect(networkFailureOf(fetchFailed('ENOTFOUND'))).toBeUndefined();
    expect(networkFailureOf(undefined)).toBeUndefined();
  });
});
