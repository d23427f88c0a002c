import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

const HOME_MARKDOWN = `# Welcome

This is the **team** home. See [the docs](https://example.com/docs).

- First point
  - Nested point
- Second point
- [ ] Ship it
- [x] Write tests

\`\`\`typescript
const answer = 42;
\`\`\``;

describe('get_page', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const getPage = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'get_page', input, { baseUrl: notion.url, credential: notion.token, maxRecords }) as Promise<
      Record<string, string>
    >;

  it('reads the page and its blocks, nested ones included, and renders them as Markdown', async () => {
    notion = await startFakeNotion();
    const home = notion.seed.home;
    const record = await getPage({ page_id: home.id });

    const nested = notion.seed.blocks.get(home.id as string)?.[2]?.id;
    expect(notion.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/pages/${home.id}`,
      `GET /v1/blocks/${home.id}/children`,
      `GET /v1/blocks/${nested}/children`,
    ]);
    expect(record).toEqual({
      id: home.id,
      title: 'Team Home',
      url: home.url,
      created_time: home.created_time,
      last_edited_time: home.last_edited_time,
      properties: '',
      markdown: `${HOME_MARKDOWN}

[Page: Page 1] (page id ${notion.seed.pages[1]?.id})

[Database: Tasks] (database id ${notion.seed.database.id})`,
    });
  });

  it('reads a database row’s property values', async () => {
    notion = await startFakeNotion({ rows: 1 });
    const row = notion.seed.pages.at(-1);
    const record = await getPage({ page_id: row?.id });
    expect(record.title).toBe('Task 1');
    expect(record.properties).toContain('Status: In progress');
    expect(record.markdown).toBe('');
  });

  it('follows has_more/next_cursor through long content', async () => {
    notion = await startFakeNotion({ paragraphs: 230 });
    const record = await getPage({ page_id: notion.seed.home.id, max_depth: 1 });

    expect(notion.count(NOTION_ROUTES.listBlockChildren)).toBe(3);
    expect(record.markdown).toContain('Paragraph 1\n\nParagraph 2');
    expect(record.markdown).toContain('Paragraph 230');
    // max_depth 1 leaves the nested list item out, and says so.
    expect(record.markdown).not.toContain('Nested point');
    expect(record.markdown).toMatch(/_\(Truncated: 239 blocks read; .*\)_$/);
  });

  it('stops reading blocks at the record limit and says the content is cut', async () => {
    notion = await startFakeNotion({ paragraphs: 230 });
    const record = await getPage({ page_id: notion.seed.home.id }, 50);

    expect(notion.count(NOTION_ROUTES.listBlockChildren)).toBe(1);
    expect(notion.requests[1]?.query.get('page_size')).toBe('50');
    expect(record.markdown).not.toContain('Paragraph 42');
    expect(record.markdown).toContain('Truncated: 50 blocks read');
  });

  it('answers a page that is not shared with the integration as not found', async () => {
    notion = await startFakeNotion();
    await expect(getPage({ page_id: '1a2b3c4d-0000-4000-8000-0000000000ff' })).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
    });
  });
});
