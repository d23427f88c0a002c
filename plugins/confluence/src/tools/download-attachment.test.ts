import { InvalidInputError, NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';
import { MAX_TEXT_BYTES } from './download-attachment.js';

describe('download_attachment', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const download = (id: string) =>
    runTool(
      plugin,
      'download_attachment',
      { attachment_id: id },
      {
        baseUrl: confluence.url,
        credential: confluence.credential,
      },
    );

  it('reads the metadata, then downloads through the v1 redirect and returns the UTF-8 text', async () => {
    confluence = await startFakeConfluence();
    const text = await download('att900001');

    expect(confluence.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /wiki/api/v2/attachments/att900001',
      'GET /wiki/rest/api/content/3000001/child/attachment/att900001/download',
      'GET /media/file/0f7c3a52-8d5e-4b1a-9c6e-000000000000/binary',
    ]);
    expect(text).toBe('Release checklist\n- tag the build\n- café opens at 9\n');
  });

  it('refuses a binary file by its media type without downloading it', async () => {
    confluence = await startFakeConfluence();
    const error = await download('900002').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('diagram.png is image/png, not text: it cannot be returned as text');
    expect(confluence.count(CONFLUENCE_ROUTES.downloadAttachment)).toBe(0);
  });

  it('cuts a long file and says so', async () => {
    confluence = await startFakeConfluence();
    confluence.seed.files.set('att900001', new TextEncoder().encode('x'.repeat(MAX_TEXT_BYTES + 10)));
    const text = (await download('att900001')) as string;
    expect(text.startsWith('x'.repeat(MAX_TEXT_BYTES))).toBe(true);
    expect(text).toMatch(/\[cut: showing the first 200000 of 200010 bytes of notes\.txt\]$/);
  });

  it('reports a missing attachment as not found', async () => {
    confluence = await startFakeConfluence();
    await expect(download('att1')).rejects.toBeInstanceOf(NotFoundError);
  });
});
