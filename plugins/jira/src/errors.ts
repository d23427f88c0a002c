import { atlassianErrorMapper } from '@mcpist/atlassian';
import { type ErrorMappingContext, mapToolError, type ToolContext } from '@mcpist/plugin-sdk';
import * as jiraCore from 'jira.js/core';

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

const mapAtlassianError = atlassianErrorMapper({
  product: 'Jira',
  sdk: jiraCore,
  inputFields: INPUT_FIELDS,
  blamedByTool: FIELD_BLAMED_BY_TOOL,
});

/**
 * The plugin's `mapError`: maps what a jira.js call threw to the SDK's typed
 * errors (the shared Atlassian mapping), with Jira's field names and the
 * input each tool's 400 blames when Jira names no field.
 */
export function mapJiraError(error: unknown, context?: ErrorMappingContext, options: JiraErrorOptions = {}): unknown {
  return mapAtlassianError(error, context, options.invalidInputField);
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
