import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('get_create_metadata', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const createMeta = (issueType: string) =>
    runTool(
      plugin,
      'get_create_metadata',
      { project_key: 'DEMO', issue_type: issueType },
      { baseUrl: jira.url, credential: jira.credential },
    ) as Promise<Record<string, unknown>[]>;

  it('resolves the type name to its id, then lists its fields', async () => {
    jira = await startFakeJira();
    const records = await createMeta('bug');

    expect(jira.requests.map((request) => request.path)).toEqual([
      '/rest/api/3/issue/createmeta/DEMO/issuetypes',
      '/rest/api/3/issue/createmeta/DEMO/issuetypes/10002',
    ]);
    expect(records.find((record) => record.field_id === 'summary')).toEqual({
      field_id: 'summary',
      name: 'Summary',
      required: true,
      type: 'string',
      allowed_values: null,
      has_default: false,
    });
    expect(records.find((record) => record.field_id === 'priority')).toMatchObject({
      allowed_values: 'Medium, High, Low, Highest',
      has_default: true,
    });
    expect(records.find((record) => record.field_id === 'labels')).toMatchObject({ type: 'array of string' });
    expect(records.find((record) => record.name === 'Team')).toEqual({
      field_id: 'customfield_10011',
      name: 'Team',
      required: true,
      type: 'option',
      allowed_values: 'Red 1, Green 1, Blue 1',
      has_default: false,
    });
  });

  it('takes an issue type id as it is', async () => {
    jira = await startFakeJira();
    await createMeta('10003');
    expect(jira.requests.at(-1)?.path).toBe('/rest/api/3/issue/createmeta/DEMO/issuetypes/10003');
  });

  it('lists the project’s types when the one asked for does not exist', async () => {
    jira = await startFakeJira();
    const error = await createMeta('Incident').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('project DEMO has no issue type "Incident"; it has: Task, Bug, Story, Epic');
    expect(jira.count(JIRA_ROUTES.createMetaFields)).toBe(0);
  });
});
