import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

const text = (content: string, annotations?: Record<string, boolean>) => ({
  type: 'text',
  text: { content },
  ...(annotations ? { annotations } : {}),
});

describe('create_page', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const createPage = (input: Record<string, unknown>) =>
    runTool(plugin, 'create_page', input, { baseUrl: notion.url, credential: notion.token }) as Promise<
      Record<string, unknown>
    >;

  it('POSTs a sub-page with its title and Markdown content as blocks', async () => {
    notion = await startFakeNotion();
    const record = await createPage({
      parent_page_id: notion.seed.home.id,
      title: 'Meeting notes',
      content: '# Agenda\n\nTalk about **launch**.\n\n- [ ] Book room\n- Invite team',
    });

    expect(notion.requests).toHaveLength(1);
    expect(notion.requests[0]).toMatchObject({ method: 'POST', path: '/v1/pages' });
    expect(notion.requests[0]?.body).toEqual({
      parent: { type: 'page_id', page_id: notion.seed.home.id },
      properties: { title: { title: [text('Meeting notes')] } },
      children: [
        { object: 'block', type: 'heading_1', heading_1: { rich_text: [text('Agenda')] } },
        {
          object: 'block',
          type: 'paragraph',
          paragraph: { rich_text: [text('Talk about '), text('launch', { bold: true }), text('.')] },
        },
        { object: 'block', type: 'to_do', to_do: { rich_text: [text('Book room')], checked: false } },
        { object: 'block', type: 'bulleted_list_item', bulleted_list_item: { rich_text: [text('Invite team')] } },
      ],
    });
    const created = notion.seed.pages.at(-1);
    expect(record).toEqual({
      id: created?.id,
      title: 'Meeting notes',
      url: created?.url,
      created_time: created?.created_time,
      last_edited_time: created?.last_edited_time,
    });
  });

  it('creates a database row in the database’s data source, with properties', async () => {
    notion = await startFakeNotion();
    const properties = { Status: { status: { name: 'Done' } }, Estimate: { number: 3 } };
    const record = await createPage({ database_id: notion.seed.database.id, title: 'Fix login', properties });

    expect(notion.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/databases/${notion.seed.database.id}`,
      'POST /v1/pages',
    ]);
    expect(notion.requests[1]?.body).toEqual({
      parent: { type: 'data_source_id', data_source_id: notion.seed.dataSource.id },
      properties: { ...properties, title: { title: [text('Fix login')] } },
    });
    expect(record.title).toBe('Fix login');
    expect(notion.seed.pages.at(-1)?.properties).toMatchObject({ Status: { status: { name: 'Done' } } });
  });

  it('appends content beyond Notion’s 100 blocks per request after creating the page', async () => {
    notion = await startFakeNotion();
    const content = Array.from({ length: 230 }, (_, i) => `- item ${i + 1}`).join('\n');
    const record = await createPage({ parent_page_id: notion.seed.home.id, title: 'Long', content });

    expect(notion.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v1/pages',
      `PATCH /v1/blocks/${record.id}/children`,
      `PATCH /v1/blocks/${record.id}/children`,
    ]);
    const sizes = notion.requests.map((request) => (request.body as { children: unknown[] }).children.length);
    expect(sizes).toEqual([100, 100, 30]);
    expect(notion.seed.blocks.get(record.id as string)).toHaveLength(230);
  });

  it('reports an unknown property as invalid input', async () => {
    notion = await startFakeNotion();
    const error = await createPage({
      data_source_id: notion.seed.dataSource.id,
      title: 'x',
      properties: { Priority: { select: { name: 'High' } } },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'invalid_input', status: 400 });
    expect(notion.count(NOTION_ROUTES.getDatabase)).toBe(0);
  });
});
