import { z } from '@mcpist/plugin-sdk';
import { adfToText } from './adf.js';

/**
 * Normalized records (DESIGN §3): the flat, small field sets an LLM needs
 * instead of Jira's nested JSON. People are their display names, statuses
 * and priorities their names, times ISO 8601 in UTC, rich text plain text.
 */

const keyField = z.string().describe('Issue key, e.g. PROJ-123; the other Jira tools take it as issue_key');
const timeField = z.string().nullable().describe('ISO 8601 time in UTC');

/** One issue as search_issues returns it. */
export const issueRecord = z.object({
  key: keyField,
  summary: z.string(),
  status: z.string().nullable().describe('Workflow status name, e.g. "In Progress"'),
  assignee: z.string().nullable().describe('Display name of the assignee; null when unassigned'),
  priority: z.string().nullable(),
  updated: timeField,
});

/** One issue with its text, as get_issue returns it. */
export const issueDetailRecord = z.object({
  key: keyField,
  summary: z.string(),
  status: z.string().nullable(),
  issue_type: z.string().nullable().describe('e.g. Task, Bug, Story'),
  priority: z.string().nullable(),
  assignee: z.string().nullable().describe('Display name; null when unassigned'),
  assignee_account_id: z.string().nullable().describe('Atlassian account id of the assignee'),
  reporter: z.string().nullable(),
  labels: z.string().describe('Labels, comma-separated; empty when none'),
  created: timeField,
  updated: timeField,
  url: z.string().nullable().describe('Link to the issue in Jira'),
  description: z.string().nullable().describe('Description as plain text; null when empty'),
});

/** The issue create_issue made. */
export const createdIssueRecord = z.object({
  key: keyField,
  id: z.string().describe('Numeric issue id'),
  summary: z.string(),
  url: z.string().nullable(),
});

/** What update_issue changed. */
export const updatedIssueRecord = z.object({
  key: keyField,
  changed: z.string().describe('The fields that were set, comma-separated'),
  url: z.string().nullable(),
});

/** The transition transition_issue performed. */
export const transitionRecord = z.object({
  key: keyField,
  transition: z.string().describe('Name of the transition performed'),
  status: z.string().nullable().describe('Status the issue moved to'),
});

/** A comment add_comment created. */
export const commentRecord = z.object({
  id: z.string().describe('Comment id'),
  issue_key: keyField,
  author: z.string().nullable(),
  created: timeField,
});

/** The assignment assign_issue made. */
export const assignmentRecord = z.object({
  key: keyField,
  assignee_account_id: z.string().nullable().describe('Account id now assigned; null when unassigned'),
  assignee: z.string().nullable().describe('Display name, when the user was looked up by email'),
});

/** One project. */
export const projectRecord = z.object({
  key: z.string().describe('Project key, e.g. PROJ; create_issue takes it as project_key'),
  name: z.string(),
  id: z.string(),
  type: z.string().nullable().describe('software, business, service_desk, …'),
});

/** The issue delete_issue removed. */
export const deletedIssueRecord = z.object({
  key: keyField,
  deleted: z.boolean(),
});

export type IssueRecord = z.output<typeof issueRecord>;
export type IssueDetailRecord = z.output<typeof issueDetailRecord>;
export type ProjectRecord = z.output<typeof projectRecord>;

/** The parts of Jira's issue object we read; `fields` holds only what was requested. */
export interface JiraIssue {
  id?: string;
  key?: string;
  fields?: Record<string, unknown>;
}

/** The parts of Jira's project object we read. */
export interface JiraProject {
  id?: string;
  key?: string;
  name?: string;
  projectTypeKey?: string;
}

function property(value: unknown, name: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const found = (value as Record<string, unknown>)[name];
  return typeof found === 'string' && found !== '' ? found : null;
}

/**
 * An ISO 8601 time in UTC without milliseconds. Jira writes
 * `2026-01-05T10:00:00.000+0000`; jira.js turns some times into `Date`s.
 */
export function isoTime(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
  if (Number.isNaN(time)) return typeof value === 'string' ? value : null;
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

function labelsOf(value: unknown): string {
  return Array.isArray(value) ? value.filter((label) => typeof label === 'string').join(', ') : '';
}

export function toIssueRecord(issue: JiraIssue): IssueRecord {
  const fields = issue.fields ?? {};
  return {
    key: issue.key ?? '',
    summary: typeof fields.summary === 'string' ? fields.summary : '',
    status: property(fields.status, 'name'),
    assignee: property(fields.assignee, 'displayName'),
    priority: property(fields.priority, 'name'),
    updated: isoTime(fields.updated),
  };
}

export function toIssueDetailRecord(issue: JiraIssue, url: string | null): IssueDetailRecord {
  const fields = issue.fields ?? {};
  const { key, summary, status, assignee, priority, updated } = toIssueRecord(issue);
  return {
    key,
    summary,
    status,
    issue_type: property(fields.issuetype, 'name'),
    priority,
    assignee,
    assignee_account_id: property(fields.assignee, 'accountId'),
    reporter: property(fields.reporter, 'displayName'),
    labels: labelsOf(fields.labels),
    created: isoTime(fields.created),
    updated,
    url,
    description: adfToText(fields.description),
  };
}

export function toProjectRecord(project: JiraProject): ProjectRecord {
  return {
    key: project.key ?? '',
    name: project.name ?? '',
    id: project.id ?? '',
    type: project.projectTypeKey ?? null,
  };
}

/** Display name of a user object (assignee, author), or null. */
export function displayName(user: unknown): string | null {
  return property(user, 'displayName');
}
