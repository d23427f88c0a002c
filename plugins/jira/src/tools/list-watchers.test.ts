import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('list_watchers', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  it('lists the watchers as account id, name and active', async () => {
    jira = await startFakeJira({ watchers: 2 });
    const records = await runTool(
      plugin,
      'list_watchers',
      { issue_key: 'DEMO-1' },
      { baseUrl: jira.url, credential: jira.credential },
    );

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/DEMO-1/watchers' });
    expect(records).toEqual([
      { account_id: jira.seed.me.accountId, name: 'Mia Krystof', active: true },
      { account_id: jira.seed.users[1]?.accountId, name: 'Alana Grant', active: true },
    ]);
  });

  it('returns no more than maxRecords', async () => {
    jira = await startFakeJira({ watchers: 30 });
    const records = await runTool(
      plugin,
      'list_watchers',
      { issue_key: 'DEMO-1' },
      { baseUrl: jira.url, credential: jira.credential, maxRecords: 10 },
    );
    expect(records).toHaveLength(10);
  });
});
