import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('update_page', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const updatePage = (input: Record<string, unknown>) =>
    runTool(plugin, 'update_page', input, { baseUrl: notion.url, credential: notion.token }) as Promise<
      Record<string, unknown>
    >;

  it('PATCHes the title and properties of a row, and returns the page', async () => {
    notion = await startFakeNotion({ rows: 1 });
    const row = notion.seed.pages.at(-1);
    const record = await updatePage({
      page_id: row?.id,
      title: 'Task one',
      properties: { Status: { status: { name: 'Done' } } },
    });

    expect(notion.requests).toHaveLength(1);
    expect(notion.requests[0]).toMatchObject({ method: 'PATCH', path: `/v1/pages/${row?.id}` });
    expect(notion.requests[0]?.body).toEqual({
      properties: {
        Status: { status: { name: 'Done' } },
        title: { title: [{ type: 'text', text: { content: 'Task one' } }] },
      },
    });
    expect(record).toMatchObject({ id: row?.id, title: 'Task one', last_edited_time: row?.last_edited_time });
    expect(row?.properties).toMatchObject({ Status: { status: { name: 'Done' } } });
  });

  it('never sends archive or trash flags', async () => {
    notion = await startFakeNotion();
    await updatePage({ page_id: notion.seed.home.id, title: 'Home' });
    expect(Object.keys(notion.requests[0]?.body as object)).toEqual(['properties']);
  });
});
