import { defineTool, z } from '@mcpist/plugin-sdk';
import { createJiraClient, recordLimit } from '../client.js';
import { issueKeyField, limitField } from '../input-fields.js';
import { toWatcherRecord, watcherRecord } from '../normalize-work.js';

export const listWatchers = defineTool({
  name: 'list_watchers',
  description: `Lists the people watching a Jira issue (they are notified of its changes).
Use it to see who follows an issue before notifying or adding someone; add_watcher adds one.
Returns one record per watcher: account_id, name, active.`,
  input: z.object({ issue_key: issueKeyField, limit: limitField }),
  output: watcherRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    // Jira answers every watcher at once; the record limit still applies to what is returned.
    const { watchers = [] } = await api.issueWatchers.getIssueWatchers({ issueIdOrKey: input.issue_key });
    return watchers.slice(0, recordLimit(ctx, input.limit)).map(toWatcherRecord);
  },
});
