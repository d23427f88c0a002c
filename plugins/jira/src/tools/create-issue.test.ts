import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('create_issue', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const createIssue = (input: Record<string, unknown>) =>
    runTool(plugin, 'create_issue', input, { baseUrl: jira.url, credential: jira.credential });

  it('POSTs the fields with an ADF description and returns the new key', async () => {
    jira = await startFakeJira({ issues: 3 });
    const record = await createIssue({
      project_key: 'demo',
      summary: 'Crash on start',
      issue_type: 'Bug',
      description: 'Steps to reproduce:\nopen the app\n\nIt crashes.',
      labels: ['mobile'],
    });

    expect(jira.requests).toHaveLength(1);
    expect(jira.requests[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue' });
    expect(jira.requests[0]?.headers['content-type']).toBe('application/json');
    expect(jira.requests[0]?.body).toEqual({
      fields: {
        project: { key: 'DEMO' },
        summary: 'Crash on start',
        issuetype: { name: 'Bug' },
        description: {
          type: 'doc',
          version: 1,
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Steps to reproduce:' },
                { type: 'hardBreak' },
                { type: 'text', text: 'open the app' },
              ],
            },
            { type: 'paragraph', content: [{ type: 'text', text: 'It crashes.' }] },
          ],
        },
        labels: ['mobile'],
      },
    });
    expect(record).toEqual({
      key: 'DEMO-4',
      id: '10004',
      summary: 'Crash on start',
      url: 'https://acme.atlassian.net/browse/DEMO-4',
    });
    expect(jira.seed.issues.at(-1)?.fields.labels).toEqual(['mobile']);
  });

  it('defaults the issue type to Task and sends only the fields given', async () => {
    jira = await startFakeJira();
    await createIssue({ project_key: 'DEMO', summary: 'Just a title' });
    expect(jira.requests[0]?.body).toEqual({
      fields: { project: { key: 'DEMO' }, summary: 'Just a title', issuetype: { name: 'Task' } },
    });
    expect(jira.count(JIRA_ROUTES.createIssue)).toBe(1);
  });

  it('sends other fields from "fields" beside its own, and refuses its own fields there', async () => {
    jira = await startFakeJira();
    await createIssue({
      project_key: 'DEMO',
      summary: 'With a team',
      fields: { customfield_10011: { value: 'Red 1' }, priority: { name: 'High' } },
    });
    expect(jira.requests[0]?.body).toEqual({
      fields: {
        customfield_10011: { value: 'Red 1' },
        priority: { name: 'High' },
        project: { key: 'DEMO' },
        summary: 'With a team',
        issuetype: { name: 'Task' },
      },
    });

    jira.requests.length = 0;
    await expect(createIssue({ project_key: 'DEMO', summary: 'x', fields: { summary: 'y' } })).rejects.toMatchObject({
      field: 'fields',
    });
    expect(jira.requests).toHaveLength(0);
  });

  it('reports the field Jira refuses by its input name', async () => {
    jira = await startFakeJira();
    const error = await createIssue({ project_key: 'NOPE', summary: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'project_key', message: 'Jira: project: valid project is required' });
  });
});
