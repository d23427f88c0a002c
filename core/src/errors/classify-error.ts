import { isPluginError } from '@mcpist/plugin-sdk';
import { networkFailureOf } from '../outbound/network-failure.js';
import { storeTokenActions } from './credential-actions.js';
import { ErrorCodes } from './error-codes.js';
import { isMcpistError, McpistError } from './mcpist-error.js';

/** Where a tool failure happened, for messages that name the service. */
export interface FailureScope {
  module: string;
  tool: string;
  service: string;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * The one place where any failure of a tool call becomes an MCPist error
 * (DESIGN §7). Plugin errors are read by brand, so a plugin bundling its own
 * SDK copy is classified the same. Unknown errors become INTERNAL_ERROR with a
 * generic message; their details go to the log only.
 */
export function classifyError(error: unknown, scope: FailureScope): McpistError {
  if (isMcpistError(error)) return error;
  const service = scope.service;
  const network = networkFailureOf(error);
  if (network) {
    return new McpistError(
      ErrorCodes.EXTERNAL_API_ERROR,
      `${service}: could not reach ${network.host}: ${network.what} (${network.code}); ${network.advice}.`,
      {
        data: {
          service,
          reason: 'upstream_unreachable',
          host: network.host,
          network_code: network.code,
          retriable: network.retriable,
        },
        cause: error,
      },
    );
  }
  if (isPluginError(error)) {
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    switch (error.kind) {
      case 'rate_limited': {
        const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
        const wait = retryAfterMs === undefined ? 'a moment' : `${Math.ceil(retryAfterMs / 1000)} s`;
        return new McpistError(
          ErrorCodes.RATE_LIMITED,
          `${service} is rate limiting requests; wait ${wait} and try again.`,
          { data: retryAfterMs === undefined ? { service } : { service, retry_after_ms: retryAfterMs }, cause: error },
        );
      }
      case 'auth_expired':
      case 'auth_invalid':
        return new McpistError(
          ErrorCodes.UNAUTHORIZED,
          `${service} rejected the stored credential${status}; reconnect ${service}: to store a new token, ${storeTokenActions(service)}.`,
          { data: { service }, cause: error },
        );
      case 'invalid_input': {
        const field = (error as { field?: string }).field;
        return new McpistError(
          ErrorCodes.INVALID_PARAMS,
          `${scope.module}.${scope.tool}: ${service} refused the input${field ? ` (field "${field}")` : ''}: ${error.message}`,
          { data: field ? { service, field } : { service }, cause: error },
        );
      }
      case 'not_found':
        return new McpistError(
          ErrorCodes.EXTERNAL_API_ERROR,
          `${service}: not found${status} — check the identifiers, or that the credential may see it. ${error.message}`,
          { data: { service, status: error.status ?? 404 }, cause: error },
        );
      case 'upstream_transient':
      case 'upstream_permanent':
        return new McpistError(ErrorCodes.EXTERNAL_API_ERROR, `${service} failed${status}: ${error.message}`, {
          data: error.status === undefined ? { service } : { service, status: error.status },
          cause: error,
        });
    }
  }
  if (isAbort(error)) {
    return new McpistError(ErrorCodes.TIMEOUT, `${service} did not answer in time; the call was aborted.`, {
      data: { service },
      cause: error,
    });
  }
  return new McpistError(
    ErrorCodes.INTERNAL_ERROR,
    `${scope.module}.${scope.tool} failed unexpectedly; see the server log.`,
    {
      cause: error,
    },
  );
}
