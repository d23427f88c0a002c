import { readResource } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('confluence://page/{page_id}', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  it('reads a page as Markdown: its title, a link to it, then its text', async () => {
    confluence = await startFakeConfluence({ pages: 2 });
    const contents = await readResource(plugin, 'confluence://page/3000002', {
      baseUrl: confluence.url,
      credential: confluence.credential,
    });
    expect(contents).toMatchObject({ uri: 'confluence://page/3000002', mimeType: 'text/markdown' });
    const lines = (contents as { text: string }).text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['# Page 2', '', `<${confluence.url}/wiki/spaces/DEV/pages/3000002/Page+2>`]);
    expect(confluence.requests.map((request) => request.path)).toEqual(['/wiki/api/v2/pages/3000002']);
  });

  it('refuses a page id that is not a number before any request', async () => {
    confluence = await startFakeConfluence({ pages: 1 });
    await expect(
      readResource(plugin, 'confluence://page/home', { baseUrl: confluence.url, credential: confluence.credential }),
    ).rejects.toMatchObject({ kind: 'invalid_input' });
    expect(confluence.requests).toHaveLength(0);
  });
});
