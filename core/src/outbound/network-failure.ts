import { networkErrorCode, type PluginError, UpstreamPermanentError, UpstreamTransientError } from '@mcpist/plugin-sdk';

/**
 * A request that got no answer because the upstream could not be reached —
 * DNS, a refused or reset connection, a TLS handshake, a connect timeout —
 * named as what it is. The core's fetch makes it from the socket error
 * underneath undici's bare "fetch failed", before any SDK wraps that as
 * something else (Octokit, for one, as "500 with id UNKNOWN").
 */
export interface NetworkFailure {
  /** Host (and port, when not the default) the request was for, e.g. `api.github.com`. */
  readonly host: string;
  /** The socket or TLS error code, e.g. `ENOTFOUND`. */
  readonly code: string;
  /** What happened, in words: "DNS lookup failed". */
  readonly what: string;
  /** What the person who reads the error can check. */
  readonly advice: string;
  /** Worth trying again: everything but a TLS failure, which a retry does not change. */
  readonly retriable: boolean;
}

type Category = 'dns' | 'refused' | 'reset' | 'timeout' | 'route' | 'tls';

const CATEGORIES: Record<Category, { advice: string; retriable: boolean }> = {
  dns: {
    advice: "check the host name (the plugin's baseUrl or the stored site) and this server's DNS",
    retriable: true,
  },
  refused: { advice: 'check that the service runs at that address and port', retriable: true },
  reset: { advice: 'the connection broke off; try again, and check any proxy or firewall in between', retriable: true },
  timeout: { advice: 'check that this server can reach that host (proxy, firewall), then try again', retriable: true },
  route: { advice: "check this server's network connection and routes to that host", retriable: true },
  tls: { advice: "check the URL's scheme (https) and the host's certificate", retriable: false },
};

/** Socket and TLS error codes Node and undici report, in words; `notDelivered` when the request surely never left. */
const CODES: Record<string, { category: Category; what: string; notDelivered: boolean }> = {
  ENOTFOUND: { category: 'dns', what: 'DNS lookup failed', notDelivered: true },
  EAI_AGAIN: { category: 'dns', what: 'DNS lookup failed for now', notDelivered: true },
  EAI_FAIL: { category: 'dns', what: 'DNS lookup failed', notDelivered: true },
  ECONNREFUSED: { category: 'refused', what: 'connection refused', notDelivered: true },
  ECONNRESET: { category: 'reset', what: 'connection reset', notDelivered: false },
  EPIPE: { category: 'reset', what: 'connection closed while sending', notDelivered: false },
  UND_ERR_SOCKET: { category: 'reset', what: 'connection closed by the other side', notDelivered: false },
  ETIMEDOUT: { category: 'timeout', what: 'connection timed out', notDelivered: false },
  UND_ERR_CONNECT_TIMEOUT: { category: 'timeout', what: 'connection timed out', notDelivered: true },
  UND_ERR_HEADERS_TIMEOUT: { category: 'timeout', what: 'no answer in time', notDelivered: false },
  UND_ERR_BODY_TIMEOUT: { category: 'timeout', what: 'answer stalled', notDelivered: false },
  EHOSTUNREACH: { category: 'route', what: 'host unreachable', notDelivered: true },
  ENETUNREACH: { category: 'route', what: 'network unreachable', notDelivered: true },
  EHOSTDOWN: { category: 'route', what: 'host down', notDelivered: true },
};

/** OpenSSL and Node name TLS failures by many codes; these prefixes and names cover them. */
function isTlsCode(code: string): boolean {
  return /^(ERR_SSL_|ERR_TLS_|CERT_|EPROTO$)/.test(code) || /(CERT|CERTIFICATE|SELF_SIGNED|ISSUER|VERIFY)/.test(code);
}

/** A TLS failure, or any other errno-style socket code (ENETDOWN, EADDRNOTAVAIL, …); undefined for the rest. */
function otherCode(code: string): { category: Category; what: string; notDelivered: boolean } | undefined {
  if (isTlsCode(code)) return { category: 'tls', what: 'TLS handshake failed', notDelivered: true };
  if (/^E[A-Z]+$/.test(code)) return { category: 'route', what: 'network error', notDelivered: false };
  return undefined;
}

const tagged = new WeakMap<PluginError, NetworkFailure>();

/** The network failure this error reports, if the core's fetch made it from one. */
export function networkFailureOf(error: unknown): NetworkFailure | undefined {
  return typeof error === 'object' && error !== null ? tagged.get(error as PluginError) : undefined;
}

/**
 * The typed error for a fetch that failed without an answer, or undefined
 * when `error` carries no socket or TLS code (then it is not a network
 * failure this knows). Transient, and retried, except a TLS failure;
 * `notDelivered` where the request surely never reached the service.
 */
export function networkFailure(url: string | URL, error: unknown): PluginError | undefined {
  const code = networkErrorCode(error);
  if (code === undefined) return undefined;
  const known = CODES[code] ?? otherCode(code);
  if (!known) return undefined;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    host = 'the upstream';
  }
  const { advice, retriable } = CATEGORIES[known.category];
  const failure: NetworkFailure = { host, code, what: known.what, advice, retriable };
  const message = `could not reach ${host}: ${known.what} (${code})`;
  const options = { cause: error, notDelivered: known.notDelivered };
  const typed = retriable ? new UpstreamTransientError(message, options) : new UpstreamPermanentError(message, options);
  tagged.set(typed, failure);
  return typed;
}
