import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createJiraClient, type JiraClient } from '../client.js';
import { issueKeyField } from '../input-fields.js';
import { assignmentRecord } from '../normalize.js';

/** The parts of Jira's user object we read. */
interface JiraUser {
  accountId?: string;
  accountType?: string;
  displayName?: string;
  emailAddress?: string;
  active?: boolean;
}

/**
 * The one user an email names. Jira's user search matches the query against
 * emails and names; an exact email wins, else a single active person is taken.
 * Emails hidden by a user's privacy settings still match the query.
 */
async function userByEmail(
  jira: JiraClient,
  email: string,
): Promise<{ accountId: string; displayName: string | null }> {
  const users: JiraUser[] = await jira.api.userSearch.findUsers({ query: email, maxResults: 10 });
  const people = users.filter((user) => user.accountId && user.accountType !== 'app' && user.active !== false);
  const exact = people.filter((user) => user.emailAddress?.toLowerCase() === email.toLowerCase());
  const candidates = exact.length > 0 ? exact : people;
  const [only] = candidates;
  if (candidates.length === 1 && only?.accountId) {
    return { accountId: only.accountId, displayName: only.displayName ?? null };
  }
  const problem =
    candidates.length === 0
      ? `no active Jira user matches ${email}`
      : `several Jira users match ${email}: ${candidates.map((user) => `${user.displayName ?? '?'} (${user.accountId})`).join(', ')}; give account_id instead`;
  throw new InvalidInputError(problem, { field: 'email' });
}

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
