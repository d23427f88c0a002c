import { defineTool, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { issueNumberField, labelsField, ownerField, repoField } from '../input-fields.js';
import { issueLabelsRecord } from '../normalize-activity.js';

export const addLabelsToIssue = defineTool({
  name: 'add_labels_to_issue',
  description: `Adds labels to a GitHub issue or pull request, keeping the labels it already has.
Use it to tag or triage ("mark #12 as a bug"); to replace or remove labels use update_issue with the full list. Take names from list_labels: GitHub creates a label that does not exist yet.
Returns one record: issue_number, labels (every label the issue now carries, comma-separated).`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    issue_number: issueNumberField,
    labels: labelsField.min(1).describe('Label names to add, e.g. ["bug", "good first issue"]'),
  }),
  output: issueLabelsRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.issues.addLabels({
      owner: input.owner,
      repo: input.repo,
      issue_number: input.issue_number,
      labels: input.labels,
    });
    return { issue_number: input.issue_number, labels: data.map((label) => label.name).join(', ') };
  },
});
