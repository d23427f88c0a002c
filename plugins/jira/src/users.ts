import { InvalidInputError } from '@mcpist/plugin-sdk';
import type { JiraClient } from './client.js';

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
export async function userByEmail(
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
