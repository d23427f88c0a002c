import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('list_projects', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const listProjects = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'list_projects', input, { baseUrl: jira.url, credential: jira.credential, maxRecords }) as Promise<
      Record<string, unknown>[]
    >;

  it('lists projects as key, name, id, type', async () => {
    jira = await startFakeJira({ projects: 2 });
    const records = await listProjects({});

    expect(jira.requests[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/project/search' });
    expect(Object.fromEntries(jira.requests[0]?.query ?? [])).toEqual({
      startAt: '0',
      maxResults: '100',
      orderBy: 'key',
    });
    expect(records).toEqual([
      { key: 'DEMO', name: 'Demo Service', id: '10000', type: 'software' },
      { key: 'P001', name: 'Project 1', id: '10001', type: 'business' },
      { key: 'P002', name: 'Project 2', id: '10002', type: 'software' },
    ]);
  });

  it('passes the query through', async () => {
    jira = await startFakeJira({ projects: 12 });
    const records = await listProjects({ query: 'project 1' });
    expect(jira.requests[0]?.query.get('query')).toBe('project 1');
    expect(records.map((record) => record.key)).toEqual(['P001', 'P010', 'P011', 'P012']);
  });

  it('follows startAt across short pages: 130 projects in 3 requests', async () => {
    jira = await startFakeJira({ projects: 129 });
    const records = await listProjects({});

    expect(records).toHaveLength(130);
    expect(new Set(records.map((record) => record.key)).size).toBe(130);
    expect(jira.requests.map((request) => request.query.get('startAt'))).toEqual(['0', '50', '100']);
  });

  it('stops at maxRecords', async () => {
    jira = await startFakeJira({ projects: 129 });
    expect(await listProjects({}, 60)).toHaveLength(60);
    expect(jira.count(JIRA_ROUTES.searchProjects)).toBe(2);
    expect(jira.requests.map((request) => request.query.get('maxResults'))).toEqual(['60', '10']);
  });
});
