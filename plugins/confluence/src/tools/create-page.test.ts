import { InvalidInputError, NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('create_page', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const createPage = (input: Record<string, unknown>) =>
    runTool(plugin, 'create_page', input, { baseUrl: confluence.url, credential: confluence.credential });

  it('looks the space key up, then POSTs the page with its Markdown as storage format', async () => {
    confluence = await startFakeConfluence({ pages: 2 });
    const record = await createPage({
      space_key: 'DEV',
      title: 'Crash on start',
      body: '## Steps\n\n1. Open the app\n2. See it **crash**',
      parent_id: '3000001',
    });

    expect(confluence.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /wiki/api/v2/spaces',
      'POST /wiki/api/v2/pages',
    ]);
    expect(Object.fromEntries(confluence.requests[0]?.query ?? [])).toEqual({ keys: 'DEV', limit: '1' });
    expect(confluence.requests[1]?.headers['content-type']).toBe('application/json');
    expect(confluence.requests[1]?.body).toEqual({
      spaceId: '98304',
      status: 'current',
      title: 'Crash on start',
      parentId: '3000001',
      body: {
        representation: 'storage',
        value: '<h2>Steps</h2><ol><li>Open the app</li><li>See it <strong>crash</strong></li></ol>',
      },
    });
    const created = confluence.seed.pages.at(-1);
    expect(record).toEqual({
      id: created?.id,
      title: 'Crash on start',
      space_id: '98304',
      parent_id: '3000001',
      status: 'current',
      version: 1,
      last_modified: created?.version.createdAt,
      url: `${confluence.url}/wiki/spaces/DEV/pages/${created?.id}/Crash+on+start`,
    });
  });

  it('takes a space id without a lookup, and an empty body when none is given', async () => {
    confluence = await startFakeConfluence();
    await createPage({ space_id: '98305', title: 'Notes' });

    expect(confluence.count(CONFLUENCE_ROUTES.listSpaces)).toBe(0);
    expect(confluence.requests[0]?.body).toEqual({
      spaceId: '98305',
      status: 'current',
      title: 'Notes',
      body: { representation: 'storage', value: '' },
    });
  });

  it('reports an unknown space key as not found without creating anything', async () => {
    confluence = await startFakeConfluence();
    await expect(createPage({ space_key: 'NOPE', title: 'T' })).rejects.toBeInstanceOf(NotFoundError);
    expect(confluence.count(CONFLUENCE_ROUTES.createPage)).toBe(0);
  });

  it('reports a duplicate title as invalid input', async () => {
    confluence = await startFakeConfluence({ pages: 1 });
    const error = await createPage({ space_key: 'DEV', title: 'Page 1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toBe('Confluence: A page with this title already exists');
  });
});
