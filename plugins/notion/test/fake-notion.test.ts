import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, internalServerError, NOTION_ROUTES, startFakeNotion } from './fake-notion.js';

// The core's end-to-end tests rely on this fake behaving like Notion, so its contract is tested too.
describe('startFakeNotion', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${notion.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${notion.token}`,
        'notion-version': '2025-09-03',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it.each([
    ['no authorization', {}],
    ['a wrong token', { authorization: 'Bearer ntn_wrong' }],
  ])('answers 401 unauthorized for %s', async (_case, headers) => {
    notion = await startFakeNotion();
    const response = await fetch(`${notion.url}/v1/users`, { headers: { 'notion-version': '2025-09-03', ...headers } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ object: 'error', status: 401, code: 'unauthorized' });
  });

  it('answers 400 missing_version without a Notion-Version header', async () => {
    notion = await startFakeNotion();
    const response = await fetch(`${notion.url}/v1/users`, { headers: { authorization: `Bearer ${notion.token}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'missing_version' });
  });

  it('paginates lists with has_more and next_cursor, honouring page_size and start_cursor', async () => {
    notion = await startFakeNotion({ rows: 150 });
    const path = `/v1/data_sources/${notion.seed.dataSource.id}/query`;
    const first = (await (await call('POST', path, { page_size: 100 })).json()) as Record<string, unknown>;
    expect(first).toMatchObject({ object: 'list', has_more: true, type: 'page_or_data_source' });
    expect(first.results).toHaveLength(100);
    const second = (await (await call('POST', path, { start_cursor: first.next_cursor })).json()) as Record<
      string,
      unknown
    >;
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.results).toHaveLength(50);
    expect((await call('POST', path, { page_size: 101 })).status).toBe(400);
    expect((await call('POST', path, { start_cursor: 'nope' })).status).toBe(400);
  });

  it('serves documented shapes: a database with data sources, rows with property values', async () => {
    notion = await startFakeNotion({ rows: 2 });
    const database = await (await call('GET', `/v1/databases/${notion.seed.database.id}`)).json();
    expect(database).toMatchObject({
      object: 'database',
      title: [{ type: 'text', plain_text: 'Tasks' }],
      data_sources: [{ id: notion.seed.dataSource.id, name: 'Tasks' }],
    });
    expect(database).not.toHaveProperty('properties');
    const query = (await (await call('POST', `/v1/data_sources/${notion.seed.dataSource.id}/query`, {})).json()) as {
      results: Record<string, unknown>[];
    };
    expect(query.results[0]).toMatchObject({
      object: 'page',
      parent: { type: 'data_source_id', data_source_id: notion.seed.dataSource.id },
      properties: {
        Name: { id: 'title', type: 'title', title: [{ plain_text: 'Task 1' }] },
        Status: { type: 'status', status: { name: 'In progress' } },
      },
    });
  });

  it('filters a query like Notion and refuses unknown properties', async () => {
    notion = await startFakeNotion({ rows: 6 });
    const path = `/v1/data_sources/${notion.seed.dataSource.id}/query`;
    const done = (await (
      await call('POST', path, { filter: { property: 'Status', status: { equals: 'Done' } } })
    ).json()) as { results: unknown[] };
    expect(done.results).toHaveLength(2);
    const unknown = await call('POST', path, { filter: { property: 'Nope', checkbox: { equals: true } } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'validation_error' });
  });

  it('refuses the pre-2025-09-03 search filter value "database"', async () => {
    notion = await startFakeNotion();
    const response = await call('POST', '/v1/search', { filter: { property: 'object', value: 'database' } });
    expect(response.status).toBe(400);
  });

  it('records every JSON answer and lets a test override a route', async () => {
    notion = await startFakeNotion();
    notion.route(NOTION_ROUTES.listUsers, () => internalServerError());
    const response = await call('GET', '/v1/users');
    expect(response.status).toBe(500);
    const page = await call('GET', `/v1/pages/${notion.seed.home.id}`);
    expect(notion.responses.at(-1)).toEqual({ key: NOTION_ROUTES.getPage, status: 200, body: await page.text() });
    notion.restore(NOTION_ROUTES.listUsers);
    expect((await call('GET', '/v1/users')).status).toBe(200);
  });
});
