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
    expect(confluence.requests[1]).toMatchObject({ method: 'GET', path: '/wiki/rest/api/user/bulk' });
    expect(confluence.requests[1]?.query.get('accountId')).toBe('5b10ac8d82e05b22cc7d4ef5');
    expect(records).toEqual([
      { id: '5001', author: 'Ada Lovelace', created: '2026-01-01T10:00:00Z', body: 'Comment 1: **agreed** on Page 1.' },
      expect.objectContaining({ id: '5002', body: 'Comment 2: **agreed** on Page 1.' }),
    ]);
  });

  it('follows the cursor up to maxRecords', async () => {
    confluence = await startFakeConfluence({ comments: 300 });
    expect(await listComments({ page_id: '3000001' })).toHaveLength(300);
    expect(confluence.count(CONFLUENCE_ROUTES.listComments)).toBe(2);
    expect(await listComments({ page_id: '3000001' }, 40)).toHaveLength(40);
  });

  it('keeps account ids when Confluence refuses the user lookup', async () => {
    confluence = await startFakeConfluence({ comments: 1 });
    confluence.route(CONFLUENCE_ROUTES.userLookup, () => ({ status: 403, json: { message: 'Forbidden' } }));
    const records = await listComments({ page_id: '3000001' });
    expect(records[0]).toMatchObject({ author: '5b10ac8d82e05b22cc7d4ef5' });
  });

  it('reports a missing page as not found', async () => {
    confluence = await startFakeConfluence();
    await expect(listComments({ page_id: '999' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
