import { AuthInvalidError, InvalidInputError, isPluginDefinition } from '@mcpist/plugin-sdk';
import { expectAnnotationsFollowNames, expectToolTableCurrent, runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../test/fake-notion.js';
import defaultExport, { plugin } from './index.js';

const SOME_ID = '1a2b3c4d-0000-4000-8000-000000000001';

describe('notion plugin definition', () => {
  it('is the branded default export, and its README lists the tools as the definition declares them', async () => {
    expect(isPluginDefinition(defaultExport)).toBe(true);
    expect(defaultExport).toBe(plugin);
    await expectToolTableCurrent(plugin, new URL('../README.md', import.meta.url));
  });

  it('marks the reads (search, get, query, list) readOnly, and only deletions dangerous', () => {
    expectAnnotationsFollowNames(plugin, { readOnly: /^(search$|get_|query_|list_)/, dangerous: /^delete_/ });
  });

  it('pins the Notion-Version the official client sends by default', async () => {
    const { Client } = await import('@notionhq/client');
    expect(plugin.upstreamApiVersion).toBe(Client.defaultNotionVersion);
  });
});

describe('notion client', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  it('sends the token and the pinned Notion-Version through ctx.fetch to the base URL', async () => {
    notion = await startFakeNotion();
    const seen: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    await runTool(
      plugin,
      'list_users',
      {},
      { baseUrl: `${notion.url}/`, credential: notion.token, fetch: countingFetch },
    );

    expect(seen).toEqual([`${notion.url}/v1/users?page_size=100`]);
    const headers = notion.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe(`Bearer ${notion.token}`);
    expect(headers['notion-version']).toBe('2025-09-03');
  });

  it('passes the call’s abort signal with every request', async () => {
    notion = await startFakeNotion();
    const signals: Array<AbortSignal | null | undefined> = [];
    const controller = new AbortController();
    const spyingFetch: typeof fetch = (input, init) => {
      signals.push(init?.signal);
      return fetch(input, init);
    };
    await runTool(
      plugin,
      'get_page',
      { page_id: notion.seed.home.id },
      { baseUrl: notion.url, credential: notion.token, fetch: spyingFetch, signal: controller.signal },
    );
    expect(signals.length).toBeGreaterThan(1);
    expect(signals.every((signal) => signal === controller.signal)).toBe(true);
  });

  it('calls api.notion.com when no base URL override is given', async () => {
    const seen: string[] = [];
    const stubFetch: typeof fetch = async (input) => {
      seen.push(String(input));
      return Response.json({ object: 'list', results: [], next_cursor: null, has_more: false, type: 'user', user: {} });
    };
    await runTool(plugin, 'list_users', {}, { credential: 'ntn_x', fetch: stubFetch });
    expect(seen).toEqual(['https://api.notion.com/v1/users?page_size=100']);
  });

  it('routes the client’s own logging to ctx.logger, a failed request at debug level only', async () => {
    notion = await startFakeNotion();
    const lines: Array<[string, string]> = [];
    const logger = {
      debug: (message: string) => lines.push(['debug', message]),
      info: (message: string) => lines.push(['info', message]),
      warn: (message: string) => lines.push(['warn', message]),
      error: (message: string) => lines.push(['error', message]),
    };
    await runTool(
      plugin,
      'get_page',
      { page_id: '1a2b3c4d-0000-4000-8000-0000000000ff' },
      { baseUrl: notion.url, credential: notion.token, logger },
    ).catch(() => undefined);
    expect(lines).toEqual([['debug', 'notion client: request fail']]);
  });

  it('refuses to call Notion without a credential', async () => {
    notion = await startFakeNotion();
    const error = await runTool(plugin, 'list_users', {}, { baseUrl: notion.url }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(error).toMatchObject({ kind: 'auth_invalid' });
    expect(notion.count()).toBe(0);
  });

  it('accepts page ids without dashes and as Notion URLs', async () => {
    notion = await startFakeNotion();
    const id = notion.seed.home.id as string;
    for (const pageId of [id.replace(/-/g, ''), `https://www.notion.so/acme/Team-Home-${id.replace(/-/g, '')}?pvs=4`]) {
      await runTool(
        plugin,
        'update_page',
        { page_id: pageId, title: 'x' },
        { baseUrl: notion.url, credential: notion.token },
      );
      expect(notion.requests.at(-1)?.path).toBe(`/v1/pages/${id}`);
    }
  });

  it.each([
    ['search', { type: 'table' }, 'type'],
    ['get_page', { page_id: 'not-an-id' }, 'page_id'],
    ['get_page', { page_id: SOME_ID, max_depth: 0 }, 'max_depth'],
    ['create_page', { title: 'x' }, 'parent_page_id'],
    ['create_page', { parent_page_id: SOME_ID, database_id: SOME_ID, title: 'x' }, 'parent_page_id'],
    ['create_page', { parent_page_id: SOME_ID, title: '  ' }, 'title'],
    ['create_page', { parent_page_id: SOME_ID, title: 'x', properties: { Status: {} } }, 'properties'],
    ['update_page', { page_id: SOME_ID }, 'title'],
    ['query_database', {}, 'database_id'],
    ['query_database', { database_id: SOME_ID, sorts: 'Due' }, 'sorts'],
    ['add_comment', { text: 'hi' }, 'page_id'],
    ['add_comment', { page_id: SOME_ID, text: '' }, 'text'],
    ['delete_page', {}, 'page_id'],
  ])('%s rejects %j as invalid input (%s)', async (tool, input, field) => {
    notion = await startFakeNotion();
    const error = await runTool(plugin, tool, input, { baseUrl: notion.url, credential: notion.token }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', field });
    expect(notion.count()).toBe(0);
  });
});
