import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('list_spaces', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const listSpaces = (input: Record<string, unknown> = {}, maxRecords?: number) =>
    runTool(plugin, 'list_spaces', input, {
      baseUrl: confluence.url,
      credential: confluence.credential,
      maxRecords,
    }) as Promise<Record<string, unknown>[]>;

  it('lists spaces sorted by name as normalized records', async () => {
    confluence = await startFakeConfluence({ spaces: 3 });
    const records = await listSpaces();

    expect(confluence.requests).toHaveLength(1);
    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/spaces' });
    expect(Object.fromEntries(confluence.requests[0]?.query ?? [])).toEqual({ sort: 'name', limit: '250' });
    expect(records).toEqual([
      {
        id: '98304',
        key: 'DEV',
        name: 'Engineering',
        type: 'global',
        status: 'current',
        url: `${confluence.url}/wiki/spaces/DEV`,
      },
      {
        id: '98305',
        key: 'SP2',
        name: 'Space 002',
        type: 'global',
        status: 'current',
        url: `${confluence.url}/wiki/spaces/SP2`,
      },
      {
        id: '98306',
        key: 'SP3',
        name: 'Space 003',
        type: 'global',
        status: 'current',
        url: `${confluence.url}/wiki/spaces/SP3`,
      },
    ]);
  });

  it('passes key, type and status filters to Confluence', async () => {
    confluence = await startFakeConfluence({ spaces: 5 });
    const records = await listSpaces({ keys: ['SP3', 'DEV'], type: 'global', status: 'current' });

    expect(confluence.requests[0]?.query.getAll('keys')).toEqual(['SP3', 'DEV']);
    expect(confluence.requests[0]?.query.get('type')).toBe('global');
    expect(confluence.requests[0]?.query.get('status')).toBe('current');
    expect(records.map((record) => record.key)).toEqual(['DEV', 'SP3']);
  });

  it('follows _links.next cursors across pages: 300 spaces on 2 pages', async () => {
    confluence = await startFakeConfluence({ spaces: 300 });
    const records = await listSpaces();

    expect(records).toHaveLength(300);
    expect(new Set(records.map((record) => record.id)).size).toBe(300);
    expect(confluence.requests.map((request) => request.query.has('cursor'))).toEqual([false, true]);
  });

  it('follows the next link when Confluence caps the page size below the one asked for', async () => {
    confluence = await startFakeConfluence({ spaces: 50, maxLimit: 20 });
    expect(await listSpaces()).toHaveLength(50);
    expect(confluence.count(CONFLUENCE_ROUTES.listSpaces)).toBe(3);
  });

  it('stops at maxRecords without requesting pages it does not need', async () => {
    confluence = await startFakeConfluence({ spaces: 600 });
    expect(await listSpaces({}, 300)).toHaveLength(300);
    expect(confluence.count(CONFLUENCE_ROUTES.listSpaces)).toBe(2);
  });

  it('asks for small pages when the limit is small', async () => {
    confluence = await startFakeConfluence({ spaces: 50 });
    expect(await listSpaces({ limit: 5 })).toHaveLength(5);
    expect(confluence.requests.map((request) => request.query.get('limit'))).toEqual(['5']);
  });
});
