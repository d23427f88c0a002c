import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('list_comments', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const listComments = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'list_comments', input, {
      baseUrl: confluence.url,
      credential: confluence.credential,
      maxRecords,
    }) as Promise<Record<string, unknown>[]>;

  it('GETs the footer comments with their storage bodies and returns them as Markdown', async () => {
    confluence = await startFakeConfluence({ comments: 2 });
    const records = await listComments({ page_id: '3000001' });

    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000001/footer-comments' });
    expect(Object.fromEntries(confluence.requests[0]?.query ?? [])).toEqual({
      'body-format': 'storage',
      sort: 'created-date',
      limit: '250',
    });
    expect(records).toEqual([
      {
        id: '5001',
        author_id: '5b10ac8d82e05b22cc7d4ef5',
        created: '2026-01-01T10:00:00.000Z',
        body: 'Comment 1: **agreed** on Page 1.',
        url: `${confluence.url}/wiki/spaces/DEV/pages/3000001/Page+1?focusedCommentId=5001#comment-5001`,
      },
      expect.objectContaining({ id: '5002', body: 'Comment 2: **agreed** on Page 1.' }),
    ]);
  });

  it('follows the cursor up to maxRecords', async () => {
    confluence = await startFakeConfluence({ comments: 300 });
    expect(await listComments({ page_id: '3000001' })).toHaveLength(300);
    expect(confluence.count(CONFLUENCE_ROUTES.listComments)).toBe(2);
    expect(await listComments({ page_id: '3000001' }, 40)).toHaveLength(40);
  });

  it('reports a missing page as not found', async () => {
    confluence = await startFakeConfluence();
    await expect(listComments({ page_id: '999' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
