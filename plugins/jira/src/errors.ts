import {
  AuthInvalidError,
  type ErrorMappingContext,
  errorFromHttpStatus,
  InvalidInputError,
  mapToolError,
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
  timeLogged: 'time_spent',
  timeSpent: 'time_spent',
  timeSpentSeconds: 'time_spent',
  started: 'started',
};

/**
 * The input each tool's 400 blames when Jira names no field: a search's JQL,
 * the transition asked for. Keyed by tool name, as `mapError` learns it.
 */
const FIELD_BLAMED_BY_TOOL: Readonly<Record<string, string>> = {
  search_issues: 'jql',
  transition_issue: 'transition',
  add_worklog: 'time_spent',
  list_worklogs: 'started_after',
  get_active_sprint: 'board_id',
  get_create_metadata: 'project_key',
  list_boards: 'project_key',
  list_issue_types: 'project_key',
  list_sprint_issues: 'jql',
  link_issues: 'relation',
};

/** Options of the deprecated {@link withJiraErrors}. */
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
 * The plugin's `mapError`: maps what a jira.js call threw to the SDK's typed
 * errors, blaming the tool's main input for a 400 that names no field. The
 * SDK lets typed errors and the caller's abort through before calling it;
 * bugs are returned unchanged.
 */
export function mapJiraError(error: unknown, context?: ErrorMappingContext, options: JiraErrorOptions = {}): unknown {
  const blamed = options.invalidInputField ?? (context ? FIELD_BLAMED_BY_TOOL[context.tool] : undefined);
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
      return new InvalidInputError(message, { status, field: field ?? blamed, cause: error });
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
 * @deprecated Handlers need not wrap themselves: the runner applies the plugin's `mapError`
 * ({@link mapJiraError}) to every failure, and a tool's blamed field belongs in `FIELD_BLAMED_BY_TOOL`.
 * Kept for tools not yet converted; it maps only to honour `invalidInputField`.
 */
export async function withJiraErrors<T>(
  ctx: ToolContext,
  work: () => Promise<T>,
  options: JiraErrorOptions = {},
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const mapError = (failure: unknown) => mapJiraError(failure, undefined, options);
    throw mapToolError(error, { mapError, service: 'Jira', tool: '', signal: ctx.signal });
  }
}
