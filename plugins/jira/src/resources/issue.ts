import { type Completer, defineResourceTemplate, z } from '@mcpist/plugin-sdk';
import { issueKeyField } from '../input-fields.js';
import { getIssue } from '../tools/get-issue.js';
import { listProjects } from '../tools/list-projects.js';

interface IssueDocument {
  key: string;
  summary: string;
  status: string | null;
  issue_type: string | null;
  priority: string | null;
  assignee: string | null;
  reporter: string | null;
  labels: string[] | null;
  updated: string | null;
  url: string;
  description: string | null;
  links: { relation: string; key: string; summary: string | null; status: string | null }[];
  comments: { author: string | null; created: string | null; body: string }[] | null;
}

function toMarkdown(issue: IssueDocument): string {
  const facts = [
    ['Status', issue.status],
    ['Type', issue.issue_type],
    ['Priority', issue.priority],
    ['Assignee', issue.assignee ?? 'Unassigned'],
    ['Reporter', issue.reporter],
    ['Labels', issue.labels?.length ? issue.labels.join(', ') : null],
    ['Updated', issue.updated],
  ].flatMap(([name, value]) => (value ? [`- **${name}:** ${value}`] : []));
  const links = issue.links.map(
    (link) =>
      `- ${link.relation} ${link.key}${link.summary ? `: ${link.summary}` : ''}${link.status ? ` (${link.status})` : ''}`,
  );
  const comments = (issue.comments ?? []).map(
    (comment) =>
      `**${comment.author ?? 'Someone'}**${comment.created ? ` (${comment.created})` : ''}:\n\n${comment.body}`,
  );
  return [
    `# ${issue.key}: ${issue.summary}`,
    '',
    `<${issue.url}>`,
    '',
    ...facts,
    '',
    '## Description',
    '',
    issue.description?.trim() || '_No description._',
    ...(links.length ? ['', '## Links', '', ...links] : []),
    ...(comments.length ? ['', '## Comments', '', comments.join('\n\n')] : []),
  ].join('\n');
}

/** Keys of the projects the account can browse that start with what was typed (case-insensitive). */
export const completeProjectKey: Completer = async (value, _others, ctx) => {
  const projects = (await listProjects.handler(listProjects.input.parse({}), ctx)) as { key: string }[];
  const typed = value.toUpperCase();
  return projects.map((project) => project.key).filter((key) => key.startsWith(typed));
};

/**
 * Suggests issue keys as the user types: until a dash, the keys of the
 * projects the account can browse (as `KEY-`), so the number follows.
 */
const completeIssueKey: Completer = async (value, others, ctx) => {
  if (value.includes('-')) return [];
  return (await completeProjectKey(value, others, ctx)).map((key) => `${key}-`);
};

/** A Jira issue as one Markdown document: its facts, description, links and comments. */
export const issueResource = defineResourceTemplate({
  name: 'issue',
  title: 'Jira issue as Markdown',
  description:
    'A Jira issue as Markdown: key and summary, status, type, priority, assignee, reporter, labels, its description, links to other issues and its comments.',
  uriTemplate: 'jira://issue/{issue_key}',
  requires: 'get_issue',
  params: z.object({ issue_key: issueKeyField }),
  complete: { issue_key: completeIssueKey },
  read: async ({ issue_key }, ctx) => {
    const issue = await getIssue.handler(getIssue.input.parse({ issue_key, include_comments: true }), ctx);
    return toMarkdown(issue as IssueDocument);
  },
});
