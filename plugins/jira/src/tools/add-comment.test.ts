import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('add_comment', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const addComment = (issueKey: string, body: string) =>
    runTool(plugin, 'add_comment', { issue_key: issueKey, body }, { baseUrl: jira.url, credential: jira.credential });

  it('POSTs the text as an ADF body and returns the comment', async () => {
    jira = await startFakeJira();
    const record = (await addComment('DEMO-1', 'Fixed in build 42.')) as Record<string, unknown>;

    expect(jira.requests[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/DEMO-1/comment' });
    expect(jira.requests[0]?.body).toEqual({
      body: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fixed in build 42.' }] }],
      },
    });
    const stored = jira.seed.comments.get('DEMO-1')?.at(-1);
    expect(record).toEqual({
      id: stored?.id,
      issue_key: 'DEMO-1',
      author: 'Mia Krystof',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
    });
  });

  it('reports a missing issue as not found', async () => {
    jira = await startFakeJira();
    await expect(addComment('DEMO-99', 'hello')).rejects.toBeInstanceOf(NotFoundError);
  });
});
