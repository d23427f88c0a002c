import { definePrompt, z } from '@mcpist/plugin-sdk';
import { completeOwner, completeRepo } from '../resources/file.js';

/** A menu entry: sort a repository's open issues into what to do next, using the GitHub tools. */
export const triageIssues = definePrompt({
  name: 'triage_issues',
  title: 'Triage open issues of a repository',
  description: 'Sort the open issues of a GitHub repository into bugs, requests and questions, and propose next steps.',
  arguments: z.object({
    owner: z.string().min(1).describe('Repository owner (user or organization)'),
    repo: z.string().min(1).describe('Repository name'),
    label: z.string().min(1).optional().describe('Only issues with this label'),
  }),
  complete: { owner: completeOwner, repo: completeRepo },
  render: ({ owner, repo, label }) => [
    {
      role: 'user',
      text: [
        `Triage the open issues of ${owner}/${repo}${label ? ` labelled "${label}"` : ''}.`,
        `Use the github module: list_issues with owner "${owner}", repo "${repo}", state "open"${label ? `, labels "${label}"` : ''}; read an issue with get_issue when its title is not enough.`,
        'Group them as bugs, feature requests and questions; within each group, most urgent first.',
        'For each issue give its number, a one-line summary and the next step (reproduce, ask for details, label, close as duplicate).',
        'Change nothing on GitHub: propose, do not act.',
      ].join('\n'),
    },
  ],
});
