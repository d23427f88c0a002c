import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('update_issue', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const updateIssue = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'update_issue',
      { issue_key: 'DEMO-2', ...input },
      { baseUrl: jira.url, credential: jira.credential },
    );

  it('PUTs only the given fields, the description as ADF', async () => {
    jira = await startFakeJira();
    const record = await updateIssue({ summary: 'New title', description: 'New text', labels: ['a', 'b'] });

    expect(jira.requests[0]).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/DEMO-2' });
    expect(jira.requests[0]?.body).toEqual({
      fields: {
        summary: 'New title',
        description: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'New text' }] }],
        },
        labels: ['a', 'b'],
      },
    });
    expect(record).toEqual({
      key: 'DEMO-2',
      changed: 'summary, description, labels',
      url: 'https://acme.atlassian.net/browse/DEMO-2',
    });
    expect(jira.seed.issues[1]?.fields).toMatchObject({ summary: 'New title', labels: ['a', 'b'] });
  });

  it('adds and removes labels with update operations, keeping the others', async () => {
    jira = await startFakeJira();
    await updateIssue({ add_labels: ['urgent'], remove_labels: ['backend'] });

    expect(jira.requests[0]?.body).toEqual({
      fields: {},
      update: { labels: [{ add: 'urgent' }, { remove: 'backend' }] },
    });
    expect(jira.seed.issues[1]?.fields.labels).toEqual(['urgent']);
  });

  it('clears the description with an empty string', async () => {
    jira = await startFakeJira();
    await updateIssue({ description: '' });
    expect(jira.requests[0]?.body).toEqual({ fields: { description: null } });
  });

  it.each([
    ['nothing to change', {}],
    ['labels together with add_labels', { labels: ['a'], add_labels: ['b'] }],
  ])('refuses %s before any request', async (_case, input) => {
    jira = await startFakeJira();
    await expect(updateIssue(input)).rejects.toBeInstanceOf(InvalidInputError);
    expect(jira.count()).toBe(0);
  });
});
