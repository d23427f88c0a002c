import { NotFoundError } from '@mcpist/plugin-sdk';
import { readResource } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('notion://page/{page_id}', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  it('reads a page as one Markdown document: title, link, then content', async () => {
    notion = await startFakeNotion();
    const home = notion.seed.home;
    const uri = `notion://page/${home.id}`;
    const contents = await readResource(plugin, uri, { baseUrl: notion.url, credential: notion.token });
    expect(contents).toMatchObject({ uri, mimeType: 'text/markdown' });
    const text = (contents as { text: string }).text;
    expect(text.split('\n')[0]).toMatch(/^# \S/);
    expect(text).toContain('This is the **team** home.');
  });

  it('answers a page the integration cannot see as not found', async () => {
    notion = await startFakeNotion();
    await expect(
      readResource(plugin, 'notion://page/0123456789abcdef0123456789abcdef', {
        baseUrl: notion.url,
        credential: notion.token,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
