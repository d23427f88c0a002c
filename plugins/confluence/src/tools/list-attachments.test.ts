import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('list_attachments', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const listAttachments = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'list_attachments',
      { page_id: '3000001', ...input },
      {
        baseUrl: confluence.url,
        credential: confluence.credential,
      },
    ) as Promise<Record<string, unknown>[]>;

  it('GETs the page’s attachments as file records with absolute download links', async () => {
    confluence = await startFakeConfluence();
    const records = await listAttachments({});

    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000001/attachments' });
    expect(records).toEqual([
      {
        id: 'att900001',
        title: 'notes.txt',
        media_type: 'text/plain',
        file_size: 53,
        created: '2026-01-01T00:00:00Z',
        version: 1,
        url: `${confluence.url}/wiki/download/attachments/3000001/notes.txt?version=1&modificationDate=1767225600000&api=v2`,
      },
      expect.objectContaining({ id: 'att900002', title: 'diagram.png', media_type: 'image/png', file_size: 8 }),
    ]);
  });

  it('passes the media type and file name filters', async () => {
    confluence = await startFakeConfluence({ attachments: 5 });
    const records = await listAttachments({ media_type: 'text/csv', filename: 'report-4.csv' });
    expect(Object.fromEntries(confluence.requests[0]?.query ?? [])).toMatchObject({
      mediaType: 'text/csv',
      filename: 'report-4.csv',
    });
    expect(records.map((record) => record.id)).toEqual(['att900004']);
  });
});
