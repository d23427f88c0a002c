import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';
import { buildCql } from './search.js';

describe('search', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const search = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'search', input, {
      baseUrl: confluence.url,
      credential: confluence.credential,
      maxRecords,
    }) as Promise<Record<string, unknown>[]>;

  it.each([
    [{ cql: 'type = page' }, 'type = page'],
    [{ text: 'release "v2" notes' }, 'text ~ "release \\"v2\\" notes"'],
    [{ text: 'x', space_key: 'DEV', type: 'page' }, 'text ~ "x" AND space = "DEV" AND type = page'],
    [
      { cql: 'label = runbook OR label = howto ORDER BY lastmodified DESC', space_key: 'OPS' },
      '(label = runbook OR label = howto) AND space = "OPS" ORDER BY lastmodified DESC',
    ],
  ])('builds CQL from %j', (input, cql) => {
    expect(buildCql(input)).toBe(cql);
  });

  it('sends the CQL to the v1 search and returns flat records', async () => {
    confluence = await startFakeConfluence({ pages: 3 });
    const records = await search({ text: 'page 2', space_key: 'DEV' });

    expect(confluence.requests).toHaveLength(1);
    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/rest/api/search' });
    expect(Object.fromEntries(confluence.requests[0]?.query ?? [])).toEqual({
      cql: 'text ~ "page 2" AND space = "DEV"',
      limit: '100',
    });
    const page = confluence.seed.pages[1];
    expect(records).toEqual([
      {
        id: '3000002',
        title: 'Page 2',
        type: 'page',
        space: 'DEV',
        url: `${confluence.url}/wiki/spaces/DEV/pages/3000002/Page+2`,
        last_modified: page?.version.createdAt,
      },
    ]);
  });

  it('follows the next links of search results, forwarding cursor and start', async () => {
    confluence = await startFakeConfluence({ pages: 250 });
    const records = await search({ cql: 'type = page' });

    expect(records).toHaveLength(250);
    expect(new Set(records.map((record) => record.id)).size).toBe(250);
    expect(confluence.requests.map((request) => request.query.get('start'))).toEqual([null, '100', '200']);
    expect(confluence.requests[1]?.query.get('next')).toBe('true');
    expect(confluence.requests[1]?.query.get('cursor')).toBeTruthy();
  });

  it('stops at maxRecords and at the limit asked for', async () => {
    confluence = await startFakeConfluence({ pages: 250 });
    expect(await search({ cql: 'type = page' }, 150)).toHaveLength(150);
    expect(confluence.count(CONFLUENCE_ROUTES.search)).toBe(2);
    expect(await search({ cql: 'type = page', limit: 7 })).toHaveLength(7);
    expect(confluence.requests.at(-1)?.query.get('limit')).toBe('7');
  });
});
