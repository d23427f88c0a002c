import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../../../plugins/notion/test/fake-notion.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The Notion tools of issue 17 end to end: a running MCPist server, the
 * official MCP client, the plugin's official Notion client and a fake Notion
 * on loopback. Each test checks what reached Notion and what came back.
 */

let notion: FakeNotion;
let hub: TestHub;
let client: Client;
/** A user with only the default member role. */
let member: Client;

type Result = Awaited<ReturnType<Client['callTool']>>;

async function call(tool: string, params: Record<string, unknown>, on: Client = client): Promise<Result> {
  const result = await on.callTool({ name: 'call', arguments: { module: 'notion', tool, params } });
  expect(result.isError, textOf(result)).toBeFalsy();
  return result;
}

const sent = () => notion.requests.map((request) => `${request.method} ${request.path}`);
const homeBlocks = () => notion.seed.blocks.get(notion.seed.home.id as string) ?? [];

beforeAll(async () => {
  notion = await startFakeNotion({ rows: 3, pages: 2 });
  hub = await startTestHub({ pluginSettings: { notion: { baseUrl: notion.url } } });
  await hub.setCredential('notion', notion.token);
  // The member role masks dangerous tools; alice is granted the whole module, bob keeps the default.
  await hub.grant(hub.userId, { modules: ['notion'] });
  client = await hub.connect();
  const bob = await hub.issueToken('bob@example.com');
  await hub.setCredential('notion', notion.token, { userId: bob.userId });
  member = await hub.connect({ token: bob.token });
});

afterAll(async () => {
  await hub?.close();
  await notion?.close();
});

beforeEach(() => {
  notion.requests.length = 0;
});

describe('notion depth tools through a running MCPist server', () => {
  it('lists the new tools with readOnly and dangerous as declared', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['notion'] } });
    const tools = (result.structuredContent as { modules: Array<{ tools: Array<Record<string, unknown>> }> }).modules[0]
      ?.tools;
    const flags = Object.fromEntries((tools ?? []).map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]));
    expect(flags).toMatchObject({
      update_page_properties: [false, false],
      list_blocks: [true, false],
      update_block: [false, false],
      delete_block: [false, true],
      list_child_pages: [true, false],
      create_database: [false, false],
      update_database_schema: [false, false],
    });
  });

  it('update_page_properties: reads the row, PATCHes coerced values, returns the row', async () => {
    const row = notion.seed.pages.at(-1);
    const result = await call('update_page_properties', {
      page_id: row?.id,
      properties: { Status: 'Done', Due: '2026-12-24', Estimate: 3, Tags: ['bug', 'docs'] },
    });

    expect(sent()).toEqual([`GET /v1/pages/${row?.id}`, `PATCH /v1/pages/${row?.id}`]);
    expect(notion.requests[1]?.body).toEqual({
      properties: {
        Status: { status: { name: 'Done' } },
        Due: { date: { start: '2026-12-24' } },
        Estimate: { number: 3 },
        Tags: { multi_select: [{ name: 'bug' }, { name: 'docs' }] },
      },
    });
    expect(result.structuredContent).toMatchObject({ id: row?.id, title: 'Task 3' });
    expect((result.structuredContent as { properties: string }).properties).toContain(
      'Status: Done; Tags: bug, docs; Due: 2026-12-24; Estimate: 3',
    );
  });

  it('update_page_properties: a value that does not fit is 2003 naming the property, and nothing is written', async () => {
    const result = await client.callTool({
      name: 'call',
      arguments: {
        module: 'notion',
        tool: 'update_page_properties',
        params: { page_id: notion.seed.pages.at(-1)?.id, properties: { Estimate: 'lots' } },
      },
    });
    expect(result.isError).toBe(true);
    expect((result.structuredContent as { error: { code: number } }).error.code).toBe(ErrorCodes.INVALID_PARAMS);
    expect((result.structuredContent as { error: { message: string } }).error.message).toContain('property "Estimate"');
    expect(sent()).toEqual([`GET /v1/pages/${notion.seed.pages.at(-1)?.id}`]);
  });

  it('list_blocks and update_block: finds a to-do by its id and ticks it', async () => {
    const listed = await call('list_blocks', { page_id: notion.seed.home.id });
    const items = (listed.structuredContent as { items: Array<Record<string, unknown>> }).items;
    const todo = items.find((item) => item.text === 'Ship it');
    expect(todo).toMatchObject({ type: 'to_do', checked: false });

    const updated = await call('update_block', { block_id: todo?.id, checked: true, text: 'Ship it today' });
    expect(sent()).toEqual([
      `GET /v1/blocks/${notion.seed.home.id}/children`,
      `GET /v1/blocks/${todo?.id}`,
      `PATCH /v1/blocks/${todo?.id}`,
    ]);
    expect(notion.requests[2]?.body).toEqual({
      to_do: { rich_text: [{ type: 'text', text: { content: 'Ship it today' } }], checked: true },
    });
    expect(updated.structuredContent).toEqual({
      id: todo?.id,
      type: 'to_do',
      text: 'Ship it today',
      checked: true,
      has_children: false,
    });
  });

  it('delete_block: refused for the default member role, before any request; runs when granted', async () => {
    const block = homeBlocks()[3];
    const refused = await member
      .callTool({
        name: 'call',
        arguments: { module: 'notion', tool: 'delete_block', params: { block_id: block?.id } },
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(McpError);
    expect((refused as McpError).data).toMatchObject({ code: ErrorCodes.INVALID_TOOL, tool: 'delete_block' });
    expect(notion.requests).toHaveLength(0);

    const deleted = await call('delete_block', { block_id: block?.id });
    expect(sent()).toEqual([`DELETE /v1/blocks/${block?.id}`]);
    expect(deleted.structuredContent).toEqual({
      id: block?.id,
      type: 'bulleted_list_item',
      text: 'Second point',
      in_trash: true,
    });
    expect(block?.in_trash).toBe(true);
  });

  it('list_child_pages: the sub-pages and databases of a page', async () => {
    const result = await call('list_child_pages', { page_id: notion.seed.home.id });
    expect(sent()).toEqual([`GET /v1/blocks/${notion.seed.home.id}/children`]);
    expect(notion.requests[0]?.query.get('page_size')).toBe('100');
    expect(textOf(result)).toMatch(/^items\[2\]\{id,title,object,created_time,last_edited_time\}:/);
    expect((result.structuredContent as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ id: notion.seed.pages[1]?.id, title: 'Page 1', object: 'page' }),
      expect.objectContaining({ id: notion.seed.database.id, title: 'Tasks', object: 'database' }),
    ]);
  });

  it('create_database, then update_database_schema on it', async () => {
    const created = await call('create_database', {
      parent_page_id: notion.seed.pages[2]?.id,
      title: 'Reading list',
      properties: [
        { name: 'Book', type: 'title' },
        { name: 'Genre', type: 'select', options: ['Fiction'] },
      ],
    });
    const database = notion.seed.databases.at(-1);
    const source = notion.seed.dataSources.at(-1);
    expect(notion.requests[0]).toMatchObject({ method: 'POST', path: '/v1/databases' });
    expect(notion.requests[0]?.body).toMatchObject({
      parent: { type: 'page_id', page_id: notion.seed.pages[2]?.id },
      initial_data_source: {
        properties: { Book: { title: {} }, Genre: { select: { options: [{ name: 'Fiction' }] } } },
      },
    });
    expect(created.structuredContent).toMatchObject({
      id: database?.id,
      title: 'Reading list',
      properties: 'Book (title); Genre (select: Fiction)',
    });

    notion.requests.length = 0;
    const updated = await call('update_database_schema', {
      database_id: database?.id,
      properties: [
        { name: 'genre', options: ['Poetry'] },
        { name: 'Finished', type: 'checkbox' },
      ],
    });
    expect(sent()).toEqual([
      `GET /v1/databases/${database?.id}`,
      `GET /v1/data_sources/${source?.id}`,
      `PATCH /v1/data_sources/${source?.id}`,
    ]);
    const schema = (source?.properties ?? {}) as Record<string, { select: { options: Array<{ id: string }> } }>;
    const genre = schema.Genre;
    expect(notion.requests[2]?.body).toEqual({
      properties: {
        Genre: { select: { options: [{ id: genre?.select.options[0]?.id, name: 'Fiction' }, { name: 'Poetry' }] } },
        Finished: { checkbox: {} },
      },
    });
    expect(updated.structuredContent).toEqual({
      database_id: database?.id,
      data_source_id: source?.id,
      title: 'Reading list',
      properties: 'Book (title); Genre (select: Fiction|Poetry); Finished (checkbox)',
    });
  });
});
