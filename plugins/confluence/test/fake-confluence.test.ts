import { afterEach, describe, expect, it } from 'vitest';
import { CONFLUENCE_ROUTES, confluenceError, type FakeConfluence, startFakeConfluence } from './fake-confluence.js';

// The core's end-to-end tests rely on this fake behaving like Confluence, so its contract is tested too.
describe('startFakeConfluence', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const basic = () => `Basic ${Buffer.from(`${confluence.seed.email}:${confluence.token}`).toString('base64')}`;
  /** `authorization` '' sends none. */
  const get = (path: string, authorization = basic()) =>
    fetch(`${confluence.url}${path}`, { headers: authorization ? { authorization } : {} });

  it.each([
    ['no authorization', ''],
    ['a wrong token', `Basic ${Buffer.from('ada@example.com:wrong').toString('base64')}`],
    ['a bearer token', 'Bearer ATATT3xFakeToken0000'],
  ])('answers 401 in each API generation’s error shape for %s', async (_case, authorization) => {
    confluence = await startFakeConfluence();
    const v2 = await get('/wiki/api/v2/spaces', authorization);
    expect(v2.status).toBe(401);
    expect(await v2.json()).toEqual({
      errors: [{ status: 401, code: 'UNAUTHORIZED', title: 'Unauthorized', detail: null }],
    });
    const v1 = await get('/wiki/rest/api/search?cql=type=page', authorization);
    expect(v1.status).toBe(401);
    expect(await v1.json()).toMatchObject({
      statusCode: 401,
      message: expect.any(String),
      data: { authorized: false },
    });
  });

  it('paginates v2 listings with a cursor in _links.next and a Link header, capping limit', async () => {
    confluence = await startFakeConfluence({ spaces: 30, maxLimit: 20 });
    const first = await get('/wiki/api/v2/spaces?limit=250&sort=name');
    const body = (await first.json()) as { results: unknown[]; _links: { next: string; base: string } };
    expect(body.results).toHaveLength(20);
    expect(body._links.base).toBe(`${confluence.url}/wiki`);
    expect(body._links.next).toMatch(/^\/wiki\/api\/v2\/spaces\?limit=20&sort=name&cursor=[\w-]+$/);
    expect(first.headers.get('link')).toBe(`<${body._links.next}>; rel="next", <${confluence.url}/wiki>; rel="base"`);
    const second = (await (await get(body._links.next)).json()) as {
      results: unknown[];
      _links: Record<string, string>;
    };
    expect(second.results).toHaveLength(10);
    expect(second._links.next).toBeUndefined();
  });

  it('serves documented shapes: spaces, pages with and without body, search hits', async () => {
    confluence = await startFakeConfluence();
    const spaces = (await (await get('/wiki/api/v2/spaces')).json()) as { results: Record<string, unknown>[] };
    expect(spaces.results[0]).toMatchObject({
      id: '98304',
      key: 'DEV',
      name: 'Engineering',
      type: 'global',
      status: 'current',
      homepageId: expect.any(String),
      _links: { webui: '/spaces/DEV' },
    });
    const bare = (await (await get('/wiki/api/v2/pages/3000001')).json()) as Record<string, unknown>;
    expect(bare).toMatchObject({ id: '3000001', title: 'Page 1', spaceId: '98304', version: { number: 1 }, body: {} });
    const full = (await (await get('/wiki/api/v2/pages/3000001?body-format=storage')).json()) as Record<
      string,
      unknown
    >;
    expect(full).toMatchObject({
      body: { storage: { representation: 'storage', value: expect.stringContaining('<h2>') } },
    });
    const search = (await (await get('/wiki/rest/api/search?cql=text%20~%20%22page%202%22')).json()) as Record<
      string,
      unknown
    >;
    expect(search).toMatchObject({
      size: 1,
      totalSize: 1,
      results: [
        {
          content: { id: '3000002', type: 'page', title: 'Page 2' },
          title: '@@@hl@@@Page 2@@@endhl@@@',
          resultGlobalContainer: { displayUrl: '/spaces/DEV' },
        },
      ],
      _links: { base: `${confluence.url}/wiki`, context: '/wiki' },
    });
  });

  it('refuses an update that does not increment the version, and records sent bodies', async () => {
    confluence = await startFakeConfluence();
    const response = await fetch(`${confluence.url}/wiki/api/v2/pages/3000001`, {
      method: 'PUT',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({
        id: '3000001',
        status: 'current',
        title: 'X',
        body: { representation: 'storage', value: '<p>x</p>' },
        version: { number: 1 },
      }),
    });
    expect(response.status).toBe(409);
    expect(confluence.sent.at(-1)).toMatchObject({ route: CONFLUENCE_ROUTES.updatePage, status: 409 });
  });

  it('lets a test override a route, delegate to the default and restore it', async () => {
    confluence = await startFakeConfluence();
    confluence.route(CONFLUENCE_ROUTES.getPage, () => confluenceError(500));
    expect((await get('/wiki/api/v2/pages/3000001')).status).toBe(500);
    let calls = 0;
    const original = confluence.defaultRoute(CONFLUENCE_ROUTES.getPage);
    confluence.route(CONFLUENCE_ROUTES.getPage, (request, fake) =>
      ++calls === 1 ? confluenceError(503) : original(request, fake),
    );
    expect((await get('/wiki/api/v2/pages/3000001')).status).toBe(503);
    expect((await get('/wiki/api/v2/pages/3000001')).status).toBe(200);
    expect((await get('/wiki/api/v2/pages/3000001', '')).status).toBe(401);
    confluence.route(CONFLUENCE_ROUTES.getPage, () => confluenceError(500));
    confluence.restore(CONFLUENCE_ROUTES.getPage);
    expect((await get('/wiki/api/v2/pages/3000001')).status).toBe(200);
  });
});
