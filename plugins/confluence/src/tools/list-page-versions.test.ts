import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('list_page_versions', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const versions = (pageId = '3000001') =>
    runTool(
      plugin,
      'list_page_versions',
      { page_id: pageId },
      {
        baseUrl: confluence.url,
        credential: confluence.credential,
      },
    ) as Promise<Record<string, unknown>[]>;

  it('GETs the versions newest first', async () => {
    confluence = await startFakeConfluence({ versions: 3 });
    const records = await versions();

    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000001/versions' });
    expect(confluence.requests[0]?.query.get('sort')).toBe('-modified-date');
    expect(records).toEqual([
      {
        number: 3,
        created: '2026-01-01T00:00:00Z',
        author: 'Ada Lovelace',
        message: null,
        minor_edit: false,
      },
      expect.objectContaining({ number: 2 }),
      expect.objectContaining({ number: 1, message: 'First draft' }),
    ]);
  });

  it('shows the version update_page made on top of the earlier one', async () => {
    confluence = await startFakeConfluence();
    await runTool(
      plugin,
      'update_page',
      { page_id: '3000002', title: 'Renamed', version_message: 'Rename' },
      {
        baseUrl: confluence.url,
        credential: confluence.credential,
      },
    );
    const records = await versions('3000002');
    expect(records.map((record) => [record.number, record.message])).toEqual([
      [2, 'Rename'],
      [1, null],
    ]);
  });
});
