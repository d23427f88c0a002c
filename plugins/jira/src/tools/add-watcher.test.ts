import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('add_watcher', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const addWatcher = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'add_watcher',
      { issue_key: 'DEMO-2', ...input },
      { baseUrl: jira.url, credential: jira.credential },
    );

  it('POSTs the account id as a bare JSON string', async () => {
    jira = await startFakeJira();
    const alana = jira.seed.users[1];
    const record = await addWatcher({ account_id: alana?.accountId });

    expect(jira.requests[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/DEMO-2/watchers' });
    expect(jira.requests[0]?.body).toBe(alana?.accountId);
    expect(record).toEqual({ issue_key: 'DEMO-2', account_id: alana?.accountId, name: null, watching: true });
    expect(jira.seed.watchers.get('DEMO-2')).toEqual([alana]);
  });

  it('looks a watcher up by email', async () => {
    jira = await startFakeJira();
    const record = await addWatcher({ email: 'ben@example.com' });
    expect(jira.requests.map((request) => request.path)).toEqual([
      '/rest/api/3/user/search',
      '/rest/api/3/issue/DEMO-2/watchers',
    ]);
    expect(record).toMatchObject({ account_id: jira.seed.users[2]?.accountId, name: 'Ben Okafor' });
  });

  it('adds the connected account when no one is named, with no body', async () => {
    jira = await startFakeJira();
    const record = await addWatcher({});
    expect(jira.requests[0]?.body).toBeUndefined();
    expect(record).toEqual({ issue_key: 'DEMO-2', account_id: null, name: null, watching: true });
    expect(jira.seed.watchers.get('DEMO-2')).toEqual([jira.seed.me]);
  });

  it('refuses account_id with email before any request', async () => {
    jira = await startFakeJira();
    await expect(addWatcher({ account_id: 'x', email: 'ben@example.com' })).rejects.toMatchObject({
      kind: 'invalid_input',
    });
    expect(jira.count(JIRA_ROUTES.addWatcher)).toBe(0);
  });
});
