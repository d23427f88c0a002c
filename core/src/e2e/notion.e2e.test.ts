import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeNotion,
  internalServerError,
  NOTION_ROUTES,
  notionError,
  rateLimited,
  startFakeNotion,
} from '../../../plugins/notion/test/fake-notion.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The Notion plugin end to end: a real MCPist server loads it from its
 * package, the official MCP client calls it through the meta-tools, and every
 * upstream request lands on a fake Notion on loopback. The plugin declares 3
 * requests per second, so the core spaces these requests about 0.4 s apart.
 */

/** The credential key: the plugin declares no `auth.service`, so its name. */
const SERVICE = 'notion';
/** More rows than one Notion page (100), so listing them all takes two query requests. */
const ROWS = 150;
const CAPPED_RECORDS = 70;

let notion: FakeNotion;
let hub: TestHub;
let capped: TestHub;
let client: Client;

interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
}

async function call(tool: string, params: Record<string, unknown>, on: Client = client) {
  const result = await on.callTool({ name: 'call', arguments: { module: 'notion', tool, params } });
  return result as ToolResult & Awaited<ReturnType<Client['callTool']>>;
}

const codeOf = (result: ToolResult) => (result.structuredContent?.error as { code?: number } | undefined)?.code;

beforeAll(async () => {
  notion = await startFakeNotion({ rows: ROWS, pages: 3 });
  // A short deadline keeps the rate-limit case fast (a Retry-After of 30 s past it fails at once) while
  // leaving a 500 on a read room for all three attempts, about 1 s apart.
  const pluginSettings = { notion: { baseUrl: notion.url, timeoutMs: 15_000 } };
  [hub, capped] = await Promise.all([
    startTestHub({ pluginSettings }),
    startTestHub({ pluginSettings, runner: { maxRecords: CAPPED_RECORDS } }),
  ]);
  await hub.setCredential(SERVICE, notion.token);
  // The member role masks dangerous tools; these tests list and run delete_page too.
  await hub.grant(hub.userId, { modules: ['notion'] });
  await capped.setCredential(SERVICE, notion.token);
  client = await hub.connect();
});

afterAll(async () => {
  await Promise.all([hub?.close(), capped?.close()]);
  await notion?.close();
});

/** Route counts when the test began: the fake's own counts never reset. */
let baseline = new Map<string, number>();
const countSince = (key: string) => notion.count(key) - (baseline.get(key) ?? 0);

beforeEach(() => {
  notion.restore();
  notion.requests.length = 0;
  baseline = new Map(Object.values(NOTION_ROUTES).map((key) => [key, notion.count(key)]));
});

describe('notion through a running MCPist server', () => {
  it('lists its tools in get_module_schema, with readOnly and dangerous as declared', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['notion'] } });
    const schema = result.structuredContent as {
      modules: Array<{ module: string; tools: Array<{ name: string; readOnly: boolean; dangerous: boolean }> }>;
    };
    expect(schema.modules[0]?.module).toBe('notion');
    const flags = Object.fromEntries(
      (schema.modules[0]?.tools ?? []).map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]),
    );
    expect(flags).toMatchObject({
      search: [true, false],
      get_page: [true, false],
      query_database: [true, false],
      get_database: [true, false],
      list_users: [true, false],
      create_page: [false, false],
      update_page: [false, false],
      append_blocks: [false, false],
      delete_page: [false, true],
    });
  });

  it('reads a page (read tool) with the stored token and the pinned Notion-Version', async () => {
    const home = notion.seed.home;
    const result = await call('get_page', { page_id: home.id, format: 'json' });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      id: home.id,
      title: 'Team Home',
      url: home.url,
      created_time: home.created_time,
      markdown: expect.stringContaining('This is the **team** home.'),
    });
    expect(result.structuredContent?.markdown).toContain('- First point\n  - Nested point');
    const [page, children] = notion.requests;
    expect(page).toMatchObject({ method: 'GET', path: `/v1/pages/${home.id}` });
    expect(children).toMatchObject({ method: 'GET', path: `/v1/blocks/${home.id}/children` });
    expect(page?.headers.authorization).toBe(`Bearer ${notion.token}`);
    expect(page?.headers['notion-version']).toBe('2025-09-03');
  });

  it('creates a page (write tool), sending the title and content as Notion blocks', async () => {
    const result = await call('create_page', {
      parent_page_id: notion.seed.home.id,
      title: 'Release notes',
      content: '## Highlights\n- Faster search\n- [ ] Publish',
    });

    expect(result.isError).toBeFalsy();
    expect(notion.requests).toHaveLength(1);
    expect(notion.requests[0]).toMatchObject({ method: 'POST', path: '/v1/pages' });
    expect(notion.requests[0]?.body).toEqual({
      parent: { type: 'page_id', page_id: notion.seed.home.id },
      properties: { title: { title: [{ type: 'text', text: { content: 'Release notes' } }] } },
      children: [
        {
          object: 'block',
          type: 'heading_2',
          heading_2: { rich_text: [{ type: 'text', text: { content: 'Highlights' } }] },
        },
        {
          object: 'block',
          type: 'bulleted_list_item',
          bulleted_list_item: { rich_text: [{ type: 'text', text: { content: 'Faster search' } }] },
        },
        {
          object: 'block',
          type: 'to_do',
          to_do: { rich_text: [{ type: 'text', text: { content: 'Publish' } }], checked: false },
        },
      ],
    });
    const created = notion.seed.pages.at(-1);
    expect(textOf(result)).toContain(`id: ${created?.id}`);
    expect(textOf(result)).toContain('title: Release notes');
  });

  it('follows next_cursor through every row of a database, and stops at the record limit', async () => {
    const all = await call('query_database', { database_id: notion.seed.database.id });
    expect(all.isError).toBeFalsy();
    const items = (all.structuredContent as { items: Array<{ id: string; title: string }> }).items;
    expect(items).toHaveLength(ROWS);
    expect(new Set(items.map((item) => item.id)).size).toBe(ROWS);
    expect(items.at(-1)?.title).toBe(`Task ${ROWS}`);
    expect(countSince(NOTION_ROUTES.queryDataSource)).toBe(2);
    expect(textOf(all)).toMatch(
      new RegExp(`^items\\[${ROWS}\\]\\{id,title,url,created_time,last_edited_time,properties\\}:`),
    );

    const cappedClient = await capped.connect();
    const limited = await call('query_database', { database_id: notion.seed.database.id }, cappedClient);
    expect((limited.structuredContent as { items: unknown[] }).items).toHaveLength(CAPPED_RECORDS);
    expect(countSince(NOTION_ROUTES.queryDataSource)).toBe(3);
    expect(notion.requests.at(-1)?.body).toEqual({ page_size: CAPPED_RECORDS });
  });

  it('answers a token Notion rejects (401) with 1003, without retrying', async () => {
    notion.route(NOTION_ROUTES.listUsers, () => notionError(401, 'unauthorized', 'API token is invalid.'));
    const result = await call('list_users', {});

    expect(result.isError).toBe(true);
    expect(codeOf(result)).toBe(ErrorCodes.UNAUTHORIZED);
    expect(textOf(result)).toContain('reconnect notion');
    expect(countSince(NOTION_ROUTES.listUsers)).toBe(1);
  });

  it('answers a page that does not exist or is not shared (404) with 3001', async () => {
    const result = await call('get_page', { page_id: '1a2b3c4d-0000-4000-8000-0000000000ff' });

    expect(codeOf(result)).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(result.structuredContent).toMatchObject({ error: { code: 3001 } });
    expect(textOf(result)).toContain('shared with your integration');
    expect(countSince(NOTION_ROUTES.getPage)).toBe(1);
  });

  it('answers a 429 whose Retry-After outlasts the deadline with 3003 at once', async () => {
    notion.route(NOTION_ROUTES.listUsers, () => rateLimited(30));
    const result = await call('list_users', {});

    expect(codeOf(result)).toBe(ErrorCodes.RATE_LIMITED);
    expect(countSince(NOTION_ROUTES.listUsers)).toBe(1);
  });

  it('waits out a short Retry-After and succeeds', async () => {
    // Only the first request is refused; the fake answers the retry itself.
    notion.route(NOTION_ROUTES.listUsers, () => {
      notion.restore(NOTION_ROUTES.listUsers);
      return rateLimited(1);
    });
    const result = await call('list_users', {});

    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(notion.seed.users.length);
    expect(countSince(NOTION_ROUTES.listUsers)).toBe(2);
  });

  it('answers a 500 on a read with 3001 after three attempts', async () => {
    notion.route(NOTION_ROUTES.listUsers, () => internalServerError());
    const result = await call('list_users', {});

    expect(codeOf(result)).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(result.structuredContent).toMatchObject({ error: { code: 3001 } });
    expect(countSince(NOTION_ROUTES.listUsers)).toBe(3);
  });

  it('renders 50 rows as TOON in at least 40% fewer tokens than Notion’s JSON', async () => {
    // Every third row is Done: exactly 50 of the 150, in one Notion response.
    const filter = { property: 'Status', status: { equals: 'Done' } };
    const result = await call('query_database', { database_id: notion.seed.database.id, filter });
    expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(50);

    const raw = notion.responses.filter((response) => response.key === NOTION_ROUTES.queryDataSource).at(-1);
    expect((JSON.parse(raw?.body ?? '{}') as { results: unknown[] }).results).toHaveLength(50);
    const rawTokens = encode(raw?.body ?? '').length;
    const toonTokens = encode(textOf(result)).length;
    const savings = 1 - toonTokens / rawTokens;
    console.info(`TOON savings notion: ${Math.round(savings * 100)}% (${rawTokens} → ${toonTokens} tokens)`);
    expect(savings).toBeGreaterThanOrEqual(0.4);
  });
});

describe('a Notion page as a resource', () => {
  it('reads notion://page/{id} as Markdown for a 2026-07-28 client, with the stored token', async () => {
    const modern = await hub.connectModern();
    const home = notion.seed.home;
    const uri = `notion://page/${home.id}`;
    const result = await modern.readResource({ uri });
    const contents = result.contents[0] as { uri: string; mimeType: string; text: string };
    expect(contents).toMatchObject({ uri, mimeType: 'text/markdown' });
    expect(contents.text).toContain('This is the **team** home.');
    const pageRequest = notion.requests.find((request) => request.path === `/v1/pages/${home.id}`);
    expect(pageRequest?.headers.authorization).toBe(`Bearer ${notion.token}`);
  });
});
