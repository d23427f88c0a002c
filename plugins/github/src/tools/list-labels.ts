import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { labelRecord, toLabelRecord } from '../normalize-activity.js';

export const listLabels = defineTool({
  name: 'list_labels',
  description: `Lists the labels defined in a GitHub repository, following pages up to the server's record limit.
Use it to pick existing label names before create_issue, update_issue, add_labels_to_issue or filtering list_issues by labels, so the names match exactly.
Returns one record per label: name, color, description.`,
  input: z.object({ owner: ownerField, repo: repoField }),
  output: labelRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const pages = octokit.paginate.iterator(octokit.rest.issues.listLabelsForRepo, {
      owner: input.owner,
      repo: input.repo,
      per_page: pageSize(ctx),
    });
    return collectRecords(pages, ctx.limits.maxRecords, toLabelRecord);
  },
});
