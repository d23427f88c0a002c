import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, NOTION_ROUTES, startFakeNotion } from '../../test/fake-notion.js';
import { plugin } from '../index.js';

describe('update_page_properties', () => {
  let notion: FakeNotion;
  afterEach(() => notion?.close());

  const update = (pageId: unknown, properties: Record<string, unknown>) =>
    runTool(
      plugin,
      'update_page_properties',
      { page_id: pageId, properties },
      { baseUrl: notion.url, credential: notion.token },
    ) as Promise<Record<string, unknown>>;

  it('reads the row’s property types, then PATCHes the values coerced to them', async () => {
    notion = await startFakeNotion({ rows: 1 });
    const row = notion.seed.pages.at(-1);
    const record = await update(row?.id, {
      status: 'Done',
      Due: '2026-12-24',
      Estimate: '3',
      Tags: ['bug', 'docs'],
      Done: true,
      Name: 'Task one',
    });

    expect(notion.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/pages/${row?.id}`,
      `PATCH /v1/pages/${row?.id}`,
    ]);
    expect(notion.requests[1]?.body).toEqual({
      properties: {
        Status: { status: { name: 'Done' } },
        Due: { date: { start: '2026-12-24' } },
        Estimate: { number: 3 },
        Tags: { multi_select: [{ name: 'bug' }, { name: 'docs' }] },
        Done: { checkbox: true },
        Name: { title: [{ type: 'text', text: { content: 'Task one' } }] },
      },
    });
    expect(record).toMatchObject({ id: row?.id, title: 'Task one' });
    expect(record.properties).toContain('Status: Done');
    expect(record.properties).toContain('Due: 2026-12-24');
    expect(record.properties).toContain('Tags: bug, docs');
  });

  it('resolves people given by email through the user list', async () => {
    notion = await startFakeNotion({ rows: 1 });
    const row = notion.seed.pages.at(-1);
    await update(row?.id, { Assignee: ['grace.hopper@example.com'] });

    expect(notion.count(NOTION_ROUTES.listUsers)).toBe(1);
    expect(notion.requests.at(-1)?.body).toEqual({
      properties: { Assignee: { people: [{ object: 'user', id: notion.seed.users[1]?.id }] } },
    });
  });

  it.each([
    ['an unknown property', { Priority: 'High' }, 'properties.Priority'],
    ['a value of the wrong type', { Estimate: 'lots' }, 'properties.Estimate'],
    ['a checkbox that is neither true nor false', { Name: 'x', Done: 'perhaps' }, 'properties.Done'],
    ['an email of nobody in the workspace', { Assignee: 'stranger@example.com' }, 'properties.Assignee'],
  ])('refuses %s, naming it, and writes nothing', async (_case, properties, field) => {
    notion = await startFakeNotion({ rows: 1 });
    const row = notion.seed.pages.at(-1);
    await expect(update(row?.id, properties)).rejects.toMatchObject({ kind: 'invalid_input', field });
    expect(notion.count(NOTION_ROUTES.updatePage)).toBe(0);
  });

  it('refuses an empty set of properties before calling Notion', async () => {
    notion = await startFakeNotion({ rows: 1 });
    await expect(update(notion.seed.pages.at(-1)?.id, {})).rejects.toMatchObject({ kind: 'invalid_input' });
    expect(notion.count()).toBe(0);
  });
});
