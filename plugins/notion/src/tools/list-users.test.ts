import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('list_users', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const listUsers = (maxRecords?: number) =>
    runTool(plugin, 'list_users', {}, { baseUrl: notion.url, credential: notion.token, maxRecords }) as Promise<
      Record<string, unknown>[]
    >;

  it('returns people with their email and bots without one', async () => {
    notion = await startFakeNotion({ users: 2 });
    const records = await listUsers();

    expect(notion.requests[0]).toMatchObject({ method: 'GET', path: '/v1/users' });
    expect(records).toEqual([
      { id: notion.seed.users[0]?.id, name: 'Ada Lovelace', email: 'ada.lovelace@example.com' },
      { id: notion.seed.users[1]?.id, name: 'Grace Hopper', email: 'grace.hopper@example.com' },
      { id: notion.seed.bot.id, name: 'MCPist (bot)', email: null },
    ]);
  });

  it('names any user that is not a person by its kind, and a person without a name as null', async () => {
    notion = await startFakeNotion({ users: 1 });
    const [person] = notion.seed.users;
    notion.route(NOTION_ROUTES.listUsers, () => ({
      json: {
        object: 'list',
        results: [
          { ...person, name: null },
          { object: 'user', id: '9f0e1d2c-0000-4000-8000-000000000001', type: 'bot', name: null, bot: {} },
          { object: 'user', id: '9f0e1d2c-0000-4000-8000-000000000002', type: 'agent', name: 'Helper' },
        ],
        next_cursor: null,
        has_more: false,
        type: 'user',
        user: {},
      },
    }));
    expect(await listUsers()).toEqual([
      { id: person?.id, name: null, email: 'ada.lovelace@example.com' },
      { id: '9f0e1d2c-0000-4000-8000-000000000001', name: '(bot)', email: null },
      { id: '9f0e1d2c-0000-4000-8000-000000000002', name: 'Helper (agent)', email: null },
    ]);
  });

  it('follows next_cursor up to maxRecords', async () => {
    notion = await startFakeNotion({ users: 130 });
    expect(await listUsers()).toHaveLength(131);
    expect(notion.count(NOTION_ROUTES.listUsers)).toBe(2);
    expect(notion.requests[1]?.query.get('start_cursor')).toBe(notion.seed.users[100]?.id);

    notion.requests.length = 0;
    expect(await listUsers(7)).toHaveLength(7);
    expect(notion.requests.map((request) => request.query.get('page_size'))).toEqual(['7']);
  });
});
