import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createJiraClient } from '../client.js';
import { issueKeyField } from '../input-fields.js';
import { assignmentRecord } from '../normalize.js';
import { userByEmail } from '../users.js';

export const assignIssue = defineTool({
  name: 'assign_issue',
  description: `Assigns a Jira issue to a person, or unassigns it.
Use it when the user asks to assign, reassign, take or unassign an issue. Give exactly one of: account_id (an Atlassian account id, e.g. from get_issue's assignee_account_id), email (looked up among Jira users), or unassign: true. The person must be allowed to be assigned issues in that project.
Returns key, assignee_account_id (null when unassigned) and assignee (display name when looked up by email).`,
  input: z.object({
    issue_key: issueKeyField,
    account_id: z.string().trim().min(1).max(128).optional().describe('Atlassian account id of the new assignee'),
    email: z.email().optional().describe('Email of the new assignee, looked up in Jira'),
    unassign: z.boolean().optional().describe('true to leave the issue unassigned'),
  }),
  output: assignmentRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const given = [input.account_id !== undefined, input.email !== undefined, input.unassign === true];
    if (given.filter(Boolean).length !== 1) {
      throw new InvalidInputError('give exactly one of account_id, email or unassign: true', { field: 'account_id' });
    }
    const jira = await createJiraClient(ctx);
    const user = input.email
      ? await userByEmail(jira, input.email)
      : { accountId: input.account_id ?? null, displayName: null };
    await jira.api.issues.assignIssue({
      issueIdOrKey: input.issue_key,
      // Jira unassigns on `"accountId": null`; jira.js types the field as a string only.
      accountId: user.accountId as string,
    });
    return { key: input.issue_key, assignee_account_id: user.accountId, assignee: user.displayName };
  },
});
