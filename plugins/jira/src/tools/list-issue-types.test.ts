import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('list_issue_types', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const listTypes = (projectKey: string) =>
    runTool(
      plugin,
      'list_issue_types',
      { project_key: projectKey },
      { baseUrl: jira.url, credential: jira.credential },
    );

  it('GETs the create metadata issue types of the project', async () => {
    jira = await startFakeJira();
    const records = await listTypes('demo');

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/issue/createmeta/DEMO/issuetypes' });
    expect(records).toEqual([
      { id: '10001', name: 'Task', subtask: false, description: 'A task.' },
      { id: '10002', name: 'Bug', subtask: false, description: 'A bug.' },
      { id: '10003', name: 'Story', subtask: false, description: 'A story.' },
      { id: '10004', name: 'Epic', subtask: false, description: 'A epic.' },
    ]);
  });

  it('follows startAt pages of 50', async () => {
    jira = await startFakeJira({ issueTypes: 70 });
    expect(await listTypes('DEMO')).toHaveLength(70);
    expect(jira.requests.map((request) => request.query.get('startAt'))).toEqual(['0', '50']);
  });

  it('reports an unknown project as not found', async () => {
    jira = await startFakeJira();
    await expect(listTypes('NOPE')).rejects.toBeInstanceOf(NotFoundError);
  });
});
