import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('delete_page', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const deletePage = (pageId: string) =>
    runTool(plugin, 'delete_page', { page_id: pageId }, { baseUrl: confluence.url, credential: confluence.credential });

  it('reads the page, deletes it, and returns it as trashed', async () => {
    confluence = await startFakeConfluence({ pages: 2 });
    const record = await deletePage('3000002');

    expect(confluence.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /wiki/api/v2/pages/3000002',
      'DELETE /wiki/api/v2/pages/3000002',
    ]);
    expect(record).toMatchObject({ id: '3000002', title: 'Page 2', status: 'trashed' });
    expect(confluence.seed.pages[1]?.status).toBe('trashed');
  });

  it('deletes nothing when the page does not exist', async () => {
    confluence = await startFakeConfluence();
    await expect(deletePage('999')).rejects.toBeInstanceOf(NotFoundError);
    expect(confluence.count(CONFLUENCE_ROUTES.deletePage)).toBe(0);
  });
});
