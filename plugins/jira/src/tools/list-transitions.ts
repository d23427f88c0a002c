import { defineTool, z } from '@mcpist/plugin-sdk';
import { createJiraClient } from '../client.js';
import { issueKeyField } from '../input-fields.js';
import { toTransitionOptionRecord, transitionOptionRecord } from '../normalize-work.js';

export const listTransitions = defineTool({
  name: 'list_transitions',
  description: `Lists the workflow transitions the connected account can perform on a Jira issue right now, with the status each leads to.
Use it before transition_issue when you do not know the workflow's names (e.g. whether "Done" is reachable from the current status), or to tell the user what they can do with an issue next.
Returns one record per transition: id, name, to_status, to_category (To Do, In Progress or Done).`,
  input: z.object({ issue_key: issueKeyField }),
  output: transitionOptionRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    // One answer holds every transition: Jira does not page this resource.
    const { transitions = [] } = await api.issues.getTransitions({ issueIdOrKey: input.issue_key });
    return transitions.map(toTransitionOptionRecord);
  },
});
