import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('get_page', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const getPage = (pageId: string) =>
    runTool(plugin, 'get_page', { page_id: pageId }, { baseUrl: confluence.url, credential: confluence.credential });

  it('reads one page in storage format and returns it as Markdown', async () => {
    confluence = await startFakeConfluence({ pages: 2 });
    const page = confluence.seed.pages[1];
    const record = await getPage('3000002');

    expect(confluence.requests).toHaveLength(1);
    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000002' });
    expect(Object.fromEntries(confluence.requests[0]?.query ?? [])).toEqual({ 'body-format': 'storage' });
    expect(record).toEqual({
      id: '3000002',
      title: 'Page 2',
      space_id: '98304',
      parent_id: page?.parentId,
      status: 'current',
      version: 1,
      last_modified: page?.version.createdAt,
      url: `${confluence.url}/wiki/spaces/DEV/pages/3000002/Page+2`,
      markdown:
        '## Page 2\n\nWritten by **the team**, see [the docs](https://example.com/docs).\n\n- First point\n- Second point',
    });
  });

  it('reports a missing page as not found', async () => {
    confluence = await startFakeConfluence({ pages: 1 });
    await expect(getPage('999')).rejects.toBeInstanceOf(NotFoundError);
  });
});
