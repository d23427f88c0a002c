import { defineTool, z } from '@mcpist/plugin-sdk';
import { createJiraClient } from '../client.js';
import { issueKeyField } from '../input-fields.js';
import { deletedIssueRecord } from '../normalize.js';

export const deleteIssue = defineTool({
  name: 'delete_issue',
  description: `Permanently deletes a Jira issue, with its comments and history. This cannot be undone.
Use it only when the user explicitly asks to delete an issue; to close or cancel work, use transition_issue instead. An issue with subtasks is deleted only with delete_subtasks: true (which deletes them too).
Returns key and deleted: true.`,
  input: z.object({
    issue_key: issueKeyField,
    delete_subtasks: z.boolean().default(false).describe("Also delete the issue's subtasks; required when it has any"),
  }),
  output: deletedIssueRecord,
  returns: 'record',
  readOnly: false,
  dangerous: true,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    await api.issues.deleteIssue({
      issueIdOrKey: input.issue_key,
      deleteSubtasks: input.delete_subtasks ? 'true' : 'false',
    });
    return { key: input.issue_key, deleted: true };
  },
});
