import { definePrompt, z } from '@mcpist/plugin-sdk';
import { completeProjectKey } from '../resources/issue.js';

/** A menu entry: what I did, what I am doing, what blocks me, from a project's issues. */
export const standup = definePrompt({
  name: 'standup',
  title: 'Prepare my stand-up for a Jira project',
  description:
    "Prepare the user's stand-up from a Jira project: issues moved since yesterday, work in progress, and what blocks it.",
  arguments: z.object({
    project_key: z.string().min(1).describe('Project key, e.g. PROJ'),
  }),
  complete: { project_key: completeProjectKey },
  render: ({ project_key }) => {
    const project = project_key.toUpperCase();
    return [
      {
        role: 'user',
        text: [
          `Prepare my stand-up for the Jira project ${project}.`,
          'Use the jira module:',
          `- search_issues with jql "project = ${project} AND assignee = currentUser() AND updated >= -1d ORDER BY updated DESC" for what I worked on since yesterday;`,
          `- search_issues with jql "project = ${project} AND assignee = currentUser() AND statusCategory = \\"In Progress\\"" for what I am doing;`,
          '- get_issue on an issue in progress when its links may show what blocks it.',
          'Answer in three short lists — Yesterday, Today, Blockers — one line per issue with its key and summary.',
          'Change nothing in Jira.',
        ].join('\n'),
      },
    ];
  },
});
