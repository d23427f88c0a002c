import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('assign_issue', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const assign = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'assign_issue',
      { issue_key: 'DEMO-1', ...input },
      { baseUrl: jira.url, credential: jira.credential },
    );

  it('PUTs the account id it was given', async () => {
    jira = await startFakeJira();
    const alana = jira.seed.users[1];
    const record = await assign({ account_id: alana?.accountId });

    expect(jira.requests[0]).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/DEMO-1/assignee' });
    expect(jira.requests[0]?.body).toEqual({ accountId: alana?.accountId });
    expect(record).toEqual({ key: 'DEMO-1', assignee_account_id: alana?.accountId, assignee: null });
  });

  it('looks a user up by email, preferring the exact address', async () => {
    jira = await startFakeJira();
    const ben = jira.seed.users[2];
    const record = await assign({ email: 'ben@example.com' });

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/user/search' });
    expect(jira.requests[0]?.query.get('query')).toBe('ben@example.com');
    expect(jira.requests[1]?.body).toEqual({ accountId: ben?.accountId });
    expect(record).toEqual({ key: 'DEMO-1', assignee_account_id: ben?.accountId, assignee: 'Ben Okafor' });
    expect(jira.seed.issues[0]?.fields.assignee?.displayName).toBe('Ben Okafor');
  });

  it('takes the one user whose hidden email matches', async () => {
    jira = await startFakeJira();
    const record = await assign({ email: 'quinn@example.com' });
    expect(record).toMatchObject({ assignee: 'Quinn Private', assignee_account_id: jira.seed.users[4]?.accountId });
  });

  it('unassigns with accountId null', async () => {
    jira = await startFakeJira();
    const record = await assign({ unassign: true });
    expect(jira.requests[0]?.body).toEqual({ accountId: null });
    expect(record).toEqual({ key: 'DEMO-1', assignee_account_id: null, assignee: null });
    expect(jira.seed.issues[0]?.fields.assignee).toBeNull();
  });

  it('refuses an email no user has, without assigning', async () => {
    jira = await startFakeJira();
    const error = await assign({ email: 'nobody@example.com' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'email' });
    expect(jira.count(JIRA_ROUTES.assignIssue)).toBe(0);
  });

  it.each([
    ['none of the three', {}],
    ['two of them', { account_id: 'x', unassign: true }],
  ])('refuses %s before any request', async (_case, input) => {
    jira = await startFakeJira();
    await expect(assign(input)).rejects.toMatchObject({ kind: 'invalid_input', field: 'account_id' });
    expect(jira.count()).toBe(0);
  });
});
