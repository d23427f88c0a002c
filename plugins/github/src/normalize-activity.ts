import { z } from '@mcpist/plugin-sdk';

/** Normalized labels and notifications (DESIGN §3). */

/** One label of a repository. */
export const labelRecord = z.object({
  name: z.string().describe('Label name, as labels parameters take it'),
  color: z.string().describe('Hex colour without #'),
  description: z.string().nullable(),
});

/** The labels an issue carries after add_labels_to_issue. */
export const issueLabelsRecord = z.object({
  issue_number: z.number(),
  labels: z.string().describe('Every label name the issue now carries, comma-separated'),
});

/** One notification thread of the connected account. */
export const notificationRecord = z.object({
  id: z.string().describe('Thread id'),
  repository: z.string().describe('owner/name'),
  type: z.string().describe('Issue, PullRequest, Release, Commit, Discussion, CheckSuite…'),
  title: z.string(),
  number: z.number().nullable().describe('Issue or pull request number; null for other types'),
  reason: z.string().describe('Why it was sent: mention, review_requested, assign, author, comment, ci_activity…'),
  unread: z.boolean(),
  updated_at: z.string(),
  html_url: z.string().describe('Link to the issue, pull request, commit or release on GitHub'),
});

export type LabelRecord = z.output<typeof labelRecord>;
export type NotificationRecord = z.output<typeof notificationRecord>;

/** The fields of GitHub's `label` we read. */
export interface GitHubLabel {
  name: string;
  color: string;
  description: string | null;
}

/** The fields of GitHub's notification `thread` we read. */
export interface GitHubThread {
  id: string;
  repository: { full_name: string; html_url: string };
  subject: { title: string; url: string | null; type: string };
  reason: string;
  unread: boolean;
  updated_at: string;
}

export function toLabelRecord(label: GitHubLabel): LabelRecord {
  return { name: label.name, color: label.color, description: label.description ?? null };
}

/**
 * Subjects carry an API URL (`…/repos/o/r/issues/12`), which a person cannot
 * open; the number and the page on GitHub are derived from it and the
 * repository's own link, so they also hold for GitHub Enterprise.
 */
function subjectLink(thread: GitHubThread): { number: number | null; html_url: string } {
  const repo = thread.repository.html_url;
  const tail = /\/(issues|pulls|commits|releases)\/([^/]+)$/.exec(thread.subject.url ?? '');
  const [, kind, id = ''] = tail ?? [];
  if (kind === 'issues') return { number: Number(id), html_url: `${repo}/issues/${id}` };
  if (kind === 'pulls') return { number: Number(id), html_url: `${repo}/pull/${id}` };
  if (kind === 'commits') return { number: null, html_url: `${repo}/commit/${id}` };
  if (kind === 'releases') return { number: null, html_url: `${repo}/releases` };
  return { number: null, html_url: repo };
}

export function toNotificationRecord(thread: GitHubThread): NotificationRecord {
  const { number, html_url } = subjectLink(thread);
  return {
    id: thread.id,
    repository: thread.repository.full_name,
    type: thread.subject.type,
    title: thread.subject.title,
    number,
    reason: thread.reason,
    unread: thread.unread,
    updated_at: thread.updated_at,
    html_url,
  };
}
