import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { labelsField, ownerField, repoField } from '../input-fields.js';
import { issueRecord, toIssueRecord } from '../normalize.js';

export const createIssue = defineTool({
  name: 'create_issue',
  description: `Opens a new issue in a GitHub repository as the connected account.
Use it when the user asks to file, report or track something on GitHub. Check for an existing issue with search_issues first to avoid duplicates. Labels and assignees are applied only if the account may set them (otherwise GitHub silently drops them).
Returns the created issue: id, number, title, state, html_url, user, labels, comments, created_at.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    title: z.string().trim().min(1).max(256).describe('Issue title'),
    body: z.string().max(65_536).optional().describe('Issue text in GitHub Markdown'),
    labels: labelsField.optional().describe('Label names to apply; they must already exist in the repository'),
    assignees: z.array(z.string().min(1).max(100)).max(10).optional().describe('Logins to assign'),
  }),
  output: issueRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.issues.create({
      owner: input.owner,
      repo: input.repo,
      title: input.title,
      body: input.body,
      labels: input.labels,
      assignees: input.assignees,
    });
    return toIssueRecord(data);
  },
});
