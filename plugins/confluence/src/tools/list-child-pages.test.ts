import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('list_child_pages', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  it('GETs the direct children in page-tree order', async () => {
    confluence = await startFakeConfluence({ pages: 2, childPages: 2 });
    const records = await runTool(
      plugin,
      'list_child_pages',
      { page_id: '3000001' },
      { baseUrl: confluence.url, credential: confluence.credential },
    );

    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000001/children' });
    expect(confluence.requests[0]?.query.get('sort')).toBe('child-position');
    expect(records).toEqual([
      { id: '3000003', title: 'Child 1' },
      { id: '3000004', title: 'Child 2' },
    ]);
  });

  it('returns an empty list for a page without children', async () => {
    confluence = await startFakeConfluence();
    const records = await runTool(
      plugin,
      'list_child_pages',
      { page_id: '3000002' },
      { baseUrl: confluence.url, credential: confluence.credential },
    );
    expect(records).toEqual([]);
  });
});
