import { z } from '@mcpist/plugin-sdk';
import { adfToText } from './adf.js';
import { displayName, isoTime } from './normalize.js';

/**
 * Normalized records for the work around an issue (DESIGN §3): comments,
 * worklogs, watchers, links and the transitions on offer. People are display
 * names, times ISO 8601 in UTC, rich text plain text.
 */

const keyField = z.string().describe('Issue key, e.g. PROJ-123');
const timeField = z.string().nullable().describe('ISO 8601 time in UTC');

/** One comment with its text, as list_comments and get_issue (include_comments) return it. */
export const commentTextRecord = z.object({
  id: z.string().describe('Comment id'),
  author: z.string().nullable().describe('Display name of the author'),
  created: timeField,
  updated: timeField,
  body: z.string().nullable().describe('Comment text as plain text'),
});

/** One worklog, as list_worklogs returns it. */
export const worklogRecord = z.object({
  id: z.string().describe('Worklog id'),
  author: z.string().nullable(),
  started: timeField.describe('When the work started, ISO 8601 in UTC'),
  time_spent: z.string().nullable().describe('Time logged as Jira writes it, e.g. "1h 30m"'),
  time_spent_seconds: z.number().nullable(),
  comment: z.string().nullable().describe('Worklog comment as plain text'),
});

/** The worklog add_worklog created. */
export const addedWorklogRecord = z.object({
  id: z.string(),
  issue_key: keyField,
  author: z.string().nullable(),
  started: timeField,
  time_spent: z.string().nullable(),
  time_spent_seconds: z.number().nullable(),
});

/** One watcher of an issue. */
export const watcherRecord = z.object({
  account_id: z.string().describe('Atlassian account id'),
  name: z.string().nullable().describe('Display name'),
  active: z.boolean().nullable().describe('false for deactivated accounts'),
});

/** The watcher add_watcher added. */
export const addedWatcherRecord = z.object({
  issue_key: keyField,
  account_id: z.string().nullable().describe('Account id of the new watcher; null for the connected account'),
  name: z.string().nullable().describe('Display name, when the user was looked up by email'),
  watching: z.boolean(),
});

/** One transition available on an issue now. */
export const transitionOptionRecord = z.object({
  id: z.string().describe('Transition id; transition_issue takes it (or the name) as transition'),
  name: z.string().describe('e.g. "Start progress"'),
  to_status: z.string().nullable().describe('Status the issue moves to'),
  to_category: z.string().nullable().describe('Category of that status: To Do, In Progress or Done'),
});

/** One link of an issue to another, seen from the issue: "<issue> <relation> <key>". */
export const issueLinkRecord = z.object({
  relation: z.string().describe('e.g. "blocks", "is blocked by", "relates to", "duplicates"'),
  key: keyField.describe('The linked issue'),
  summary: z.string().nullable(),
  status: z.string().nullable(),
});

/** The link link_issues created. */
export const createdLinkRecord = z.object({
  issue_key: keyField,
  relation: z.string().describe('How issue_key relates to other_issue_key, e.g. "blocks"'),
  other_issue_key: keyField,
  link_type: z.string().describe('Jira link type name, e.g. Blocks'),
});

export type CommentTextRecord = z.output<typeof commentTextRecord>;
export type WorklogRecord = z.output<typeof worklogRecord>;
export type WatcherRecord = z.output<typeof watcherRecord>;
export type TransitionOptionRecord = z.output<typeof transitionOptionRecord>;
export type IssueLinkRecord = z.output<typeof issueLinkRecord>;

/** The parts of Jira's comment object we read. */
export interface JiraComment {
  id?: string;
  author?: unknown;
  body?: unknown;
  created?: unknown;
  updated?: unknown;
}

/** The parts of Jira's worklog object we read. */
export interface JiraWorklog {
  id?: string;
  author?: unknown;
  comment?: unknown;
  started?: unknown;
  timeSpent?: string;
  timeSpentSeconds?: number;
}

/** The parts of Jira's user object we read. */
export interface JiraUserDetails {
  accountId?: string;
  displayName?: string;
  active?: boolean;
}

/** The parts of Jira's transition object we read. */
export interface JiraTransitionOption {
  id?: string;
  name?: string;
  to?: { name?: string; statusCategory?: { name?: string } };
}

interface LinkedIssue {
  key?: string;
  fields?: { summary?: unknown; status?: { name?: unknown } };
}

/** The parts of an entry of an issue's `issuelinks` field we read. */
export interface JiraIssueLink {
  type?: { name?: string; inward?: string; outward?: string };
  inwardIssue?: LinkedIssue;
  outwardIssue?: LinkedIssue;
}

export function toCommentTextRecord(comment: JiraComment): CommentTextRecord {
  return {
    id: comment.id ?? '',
    author: displayName(comment.author),
    created: isoTime(comment.created),
    updated: isoTime(comment.updated),
    body: adfToText(comment.body),
  };
}

export function toWorklogRecord(worklog: JiraWorklog): WorklogRecord {
  return {
    id: worklog.id ?? '',
    author: displayName(worklog.author),
    started: isoTime(worklog.started),
    time_spent: worklog.timeSpent ?? null,
    time_spent_seconds: worklog.timeSpentSeconds ?? null,
    comment: adfToText(worklog.comment),
  };
}

export function toWatcherRecord(user: JiraUserDetails): WatcherRecord {
  return { account_id: user.accountId ?? '', name: user.displayName ?? null, active: user.active ?? null };
}

export function toTransitionOptionRecord(transition: JiraTransitionOption): TransitionOptionRecord {
  return {
    id: transition.id ?? '',
    name: transition.name ?? '',
    to_status: transition.to?.name ?? null,
    to_category: transition.to?.statusCategory?.name ?? null,
  };
}

/**
 * A link as seen from the issue that holds it: Jira lists the other issue as
 * `outwardIssue` when this issue is on the link's inward side ("this blocks
 * that", the type's outward phrase), and as `inwardIssue` otherwise.
 */
export function toIssueLinkRecord(link: JiraIssueLink): IssueLinkRecord {
  const outward = link.outwardIssue !== undefined;
  const other = link.outwardIssue ?? link.inwardIssue;
  const phrase = outward ? link.type?.outward : link.type?.inward;
  const status = other?.fields?.status?.name;
  return {
    relation: phrase ?? link.type?.name ?? 'links to',
    key: other?.key ?? '',
    summary: typeof other?.fields?.summary === 'string' ? other.fields.summary : null,
    status: typeof status === 'string' ? status : null,
  };
}
