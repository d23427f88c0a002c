import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createJiraClient } from '../client.js';
import { issueKeyField } from '../input-fields.js';
import { addedWatcherRecord } from '../normalize-work.js';
import { userByEmail } from '../users.js';

export const addWatcher = defineTool({
  name: 'add_watcher',
  description: `Adds a watcher to a Jira issue, so that person is notified of its changes; without account_id or email it adds the connected account ("watch this issue").
Use it when the user asks to watch or follow an issue, or to keep someone informed of it. Give at most one of account_id (e.g. from list_watchers or get_issue) or email (looked up among Jira users).
Returns issue_key, account_id (null for the connected account), name (when looked up by email) and watching: true.`,
  input: z.object({
    issue_key: issueKeyField,
    account_id: z.string().trim().min(1).max(128).optional().describe('Atlassian account id of the new watcher'),
    email: z.email().optional().describe('Email of the new watcher, looked up in Jira'),
  }),
  output: addedWatcherRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    if (input.account_id !== undefined && input.email !== undefined) {
      throw new InvalidInputError('give account_id or email, not both', { field: 'account_id' });
    }
    const jira = await createJiraClient(ctx);
    const user = input.email
      ? await userByEmail(jira, input.email)
      : { accountId: input.account_id ?? null, displayName: null };
    await jira.api.issueWatchers.addWatcher({
      issueIdOrKey: input.issue_key,
      // Jira takes the account id as a bare JSON string (jira.js types the body as an object); no body adds the caller.
      body: (user.accountId ?? undefined) as unknown as Record<string, unknown>,
    });
    return { issue_key: input.issue_key, account_id: user.accountId, name: user.displayName, watching: true };
  },
});
