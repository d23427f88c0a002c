import {
  AuthInvalidError,
  abortFailure,
  errorFromHttpStatus,
  InvalidInputError,
  isPluginError,
  RateLimitedError,
  type ToolContext,
  UpstreamPermanentError,
  UpstreamTransientError,
  unreachableError,
} from '@mcpist/plugin-sdk';
import {
  isApiError,
  isAuthError,
  isForbiddenError,
  isNetworkError,
  isNotFoundError,
  isRateLimitError,
  isSchemaMismatchError,
  isScopeError,
  isServerError,
} from 'jira.js/core';

const MAX_MESSAGE_LENGTH = 200;

/** Jira field ids in `errors` → the input names of this plugin's tools, so InvalidInputError names what to fix. */
const INPUT_FIELDS: Readonly<Record<string, string>> = {
  project: 'project_key',
  issuetype: 'issue_type',
  summary: 'summary',
  description: 'description',
  labels: 'labels',
  assignee: 'account_id',
  accountId: 'account_id',
  jql: 'jql',
};

/** Options of {@link withJiraErrors}. */
export interface JiraErrorOptions {
  /** The input field to blame for a 400 that names none (e.g. `jql` for a search). */
  invalidInputField?: string;
}

/**
 * Jira's own error text (its ErrorCollection `{ errorMessages, errors }`, or a
 * gateway's `{ message }`), never headers or request data, and the first
 * field it names.
 */
export function describeJiraError(status: number, body: unknown): { message: string; field?: string } {
  const parts: string[] = [];
  let field: string | undefined;
  if (typeof body === 'object' && body !== null) {
    const { errorMessages, errors, message } = body as { errorMessages?: unknown; errors?: unknown; message?: unknown };
    if (Array.isArray(errorMessages)) parts.push(...errorMessages.filter((m): m is string => typeof m === 'string'));
    if (typeof errors === 'object' && errors !== null) {
      for (const [name, text] of Object.entries(errors)) {
        field ??= INPUT_FIELDS[name] ?? name;
        parts.push(`${name}: ${String(text)}`);
      }
    }
    if (parts.length === 0 && typeof message === 'string') parts.push(message);
  } else if (typeof body === 'string' && body.trim() !== '' && !body.trimStart().startsWith('<')) {
    parts.push(body.trim());
  }
  const text = parts.join('; ') || `HTTP ${status}`;
  return { message: `Jira: ${text.slice(0, MAX_MESSAGE_LENGTH)}`, ...(field ? { field } : {}) };
}

/**
 * Maps whatever a jira.js call threw to the SDK's typed errors. Aborts and
 * errors that are already typed pass through unchanged; errors that are
 * neither HTTP nor network failures (bugs) also pass through, for the core to
 * report as internal.
 */
export function toPluginError(error: unknown, signal?: AbortSignal, options: JiraErrorOptions = {}): unknown {
  if (isPluginError(error)) return error;
  const aborted = abortFailure(error, signal);
  if (aborted !== undefined) return aborted;

  if (isApiError(error)) {
    const { status } = error;
    const { message, field } = describeJiraError(status, error.body);
    if (isRateLimitError(error)) {
      return new RateLimitedError(message, { status, retryAfterMs: error.retryAfterMs, cause: error });
    }
    if (isScopeError(error)) {
      return new AuthInvalidError(`${message} (the Atlassian connection lacks a scope this tool needs: reconnect)`, {
        status,
        cause: error,
      });
    }
    if (isAuthError(error)) return new AuthInvalidError(message, { status, cause: error });
    if (isForbiddenError(error)) return new UpstreamPermanentError(message, { status, cause: error });
    if (isNotFoundError(error)) return errorFromHttpStatus({ status, message, cause: error });
    if (isServerError(error)) return new UpstreamTransientError(message, { status, cause: error });
    if (status === 400 || status === 422) {
      return new InvalidInputError(message, { status, field: field ?? options.invalidInputField, cause: error });
    }
    return errorFromHttpStatus({ status, message, cause: error });
  }

  if (isNetworkError(error)) return unreachableError('Jira', error);
  if (isSchemaMismatchError(error)) {
    return new UpstreamPermanentError(
      'Jira answered with something that is not its JSON API: check the site field or the base URL override',
      { cause: error },
    );
  }
  return error;
}

/**
 * Runs a handler's Jira work so every failure reaches the core as a typed
 * error (or the caller's own abort). Wrap each handler body in it.
 */
export async function withJiraErrors<T>(
  ctx: ToolContext,
  work: () => Promise<T>,
  options: JiraErrorOptions = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toPluginError(error, ctx.signal, options);
  }
}
