import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('delete_page', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  it('moves the page to the trash with in_trash: true', async () => {
    notion = await startFakeNotion();
    const page = notion.seed.pages[1];
    const record = await runTool(
      plugin,
      'delete_page',
      { page_id: page?.id },
      { baseUrl: notion.url, credential: notion.token },
    );

    expect(notion.requests[0]).toMatchObject({
      method: 'PATCH',
      path: `/v1/pages/${page?.id}`,
      body: { in_trash: true },
    });
    expect(record).toEqual({ id: page?.id, title: 'Page 1', url: page?.url, in_trash: true });
    expect(page?.in_trash).toBe(true);
  });
});
