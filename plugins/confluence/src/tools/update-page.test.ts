import { UpstreamPermanentError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, type FakeConfluence, startFakeConfluence } from '../../test/fake-confluence.js';
import { plugin } from '../index.js';

describe('update_page', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const updatePage = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'update_page',
      { page_id: '3000001', ...input },
      {
        baseUrl: confluence.url,
        credential: confluence.credential,
      },
    );

  it('reads the current version, then PUTs the new body with the version incremented', async () => {
    confluence = await startFakeConfluence();
    const page = confluence.seed.pages[0];
    if (page) page.version.number = 4;
    const record = await updatePage({ body: 'New *text*', version_message: 'Rewritten' });

    expect(confluence.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /wiki/api/v2/pages/3000001',
      'PUT /wiki/api/v2/pages/3000001',
    ]);
    expect(confluence.requests[0]?.query.get('body-format')).toBe('storage');
    expect(confluence.requests[1]?.body).toEqual({
      id: '3000001',
      status: 'current',
      title: 'Page 1',
      body: { representation: 'storage', value: '<p>New <em>text</em></p>' },
      version: { number: 5, message: 'Rewritten' },
    });
    expect(record).toMatchObject({
      id: '3000001',
      title: 'Page 1',
      version: 5,
      url: expect.stringContaining('/pages/3000001/'),
    });
  });

  it('renames a page keeping its text as it was', async () => {
    confluence = await startFakeConfluence();
    const before = confluence.seed.pages[0]?.body.storage.value;
    const record = await updatePage({ title: 'Renamed' });

    expect(confluence.requests[1]?.body).toMatchObject({
      title: 'Renamed',
      body: { representation: 'storage', value: before },
      version: { number: 2 },
    });
    expect(record).toMatchObject({
      title: 'Renamed',
      version: 2,
      url: `${confluence.url}/wiki/spaces/DEV/pages/3000001/Renamed`,
    });
  });

  it('reports a concurrent edit (409) as a permanent failure', async () => {
    confluence = await startFakeConfluence();
    confluence.route(CONFLUENCE_ROUTES.getPage, (request) => {
      const page = confluence.seed.pages.find((candidate) => candidate.id === request.params.id);
      return { json: { ...page, version: { ...page?.version, number: 0 } } };
    });
    const error = await updatePage({ title: 'Late' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UpstreamPermanentError);
    expect(error).toMatchObject({ status: 409 });
    expect((error as Error).message).toContain('Version must be incremented');
  });
});
