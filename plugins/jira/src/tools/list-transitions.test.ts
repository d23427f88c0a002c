import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('list_transitions', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  it('lists the transitions on offer with the status each leads to', async () => {
    jira = await startFakeJira();
    const records = await runTool(
      plugin,
      'list_transitions',
      { issue_key: 'DEMO-3' },
      { baseUrl: jira.url, credential: jira.credential },
    );

    expect(jira.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /rest/api/3/issue/DEMO-3/transitions',
    ]);
    expect(records).toEqual([
      { id: '11', name: 'To Do', to_status: 'To Do', to_category: 'To Do' },
      { id: '21', name: 'Start progress', to_status: 'In Progress', to_category: 'In Progress' },
      { id: '31', name: 'Done', to_status: 'Done', to_category: 'Done' },
    ]);
  });
});
