import { UpstreamTransientError } from './errors.js';

/** Socket error codes that prove a request never reached the service, so even a write may be retried. */
const NOT_DELIVERED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * The error the caller's abort produced, if this failure is one: the abort
 * itself, an SDK's wrapper around it (its `cause`), or any failure after the
 * signal fired. Return it unchanged so the core sees its own deadline or
 * cancellation, never an "upstream failure". Check it before anything else.
 */
export function abortFailure(error: unknown, signal?: AbortSignal): unknown {
  if (isAbort(error)) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isAbort(cause)) return cause;
  if (signal?.aborted) return signal.reason ?? error;
  return undefined;
}

/** The first string `code` along an error's cause chain, e.g. `ECONNREFUSED` under undici's "fetch failed". */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A request that failed without an answer (connection refused, DNS, reset):
 * transient, and marked `notDelivered` when the code proves the service never
 * saw it (so the core may retry even a write). `service` names the upstream
 * in the message, e.g. "GitHub could not be reached (ECONNREFUSED)".
 */
export function unreachableError(service: string, cause: unknown): UpstreamTransientError {
  const code = networkErrorCode(cause);
  return new UpstreamTransientError(`${service} could not be reached${code ? ` (${code})` : ''}`, {
    cause,
    notDelivered: code !== undefined && NOT_DELIVERED_CODES.has(code),
  });
}
