import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('add_comment', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const addComment = (input: Record<string, unknown>) =>
    runTool(plugin, 'add_comment', input, { baseUrl: confluence.url, credential: confluence.credential });

  it('POSTs the Markdown as a storage-format footer comment on the page', async () => {
    confluence = await startFakeConfluence({ comments: 0 });
    const record = await addComment({ page_id: '3000002', body: 'Looks **good**.\n\n- ship it' });

    expect(confluence.requests[0]).toMatchObject({ method: 'POST', path: '/wiki/api/v2/footer-comments' });
    expect(confluence.requests[0]?.body).toEqual({
      pageId: '3000002',
      body: { representation: 'storage', value: '<p>Looks <strong>good</strong>.</p><ul><li>ship it</li></ul>' },
    });
    expect(record).toEqual({
      id: '5001',
      author: 'Ada Lovelace',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      body: 'Looks **good**.\n\n- ship it',
    });
    expect(confluence.seed.comments).toHaveLength(1);
  });

  it('replies under a comment with parentCommentId only', async () => {
    confluence = await startFakeConfluence({ comments: 1 });
    await addComment({ page_id: '3000001', body: 'Agreed', parent_comment_id: '5001' });
    expect(confluence.requests[0]?.body).toEqual({
      parentCommentId: '5001',
      body: { representation: 'storage', value: '<p>Agreed</p>' },
    });
    expect(confluence.seed.comments.at(-1)).toMatchObject({ parentCommentId: '5001', pageId: '3000001' });
  });

  it('reports a missing page as not found', async () => {
    confluence = await startFakeConfluence();
    await expect(addComment({ page_id: '999', body: 'hi' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
