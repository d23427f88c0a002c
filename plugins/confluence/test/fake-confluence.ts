/**
 * A fake Confluence Cloud REST API on 127.0.0.1, for the plugin's tests and
 * the core's end-to-end tests. It serves the documented response shapes (v2
 * spaces and pages, v1 CQL search), paginates with cursors in `_links.next`,
 * checks Basic `email:token` auth, enforces page versions on update, and
 * records every JSON body it sends (`sent`), so tests can compare sizes.
 *
 * @example
 * const confluence = await startFakeConfluence({ spaces: 300 });
 * await runTool(plugin, 'list_spaces', {}, { baseUrl: confluence.url, credential: confluence.credential });
 * confluence.route(CONFLUENCE_ROUTES.getPage, () => confluenceError(500));
 * await confluence.close();
 */
import type { Credential } from '@mcpist/plugin-sdk';
import { type FakeRequest, type FakeRoute, type FakeUpstream, startFakeUpstream } from '@mcpist/plugin-sdk/testing';
import {
  ACCOUNT_ID,
  type ConfluencePage,
  type ConfluenceSpace,
  makePage,
  makeSpace,
  pageLinks,
  pageResponse,
  sampleStorage,
  searchHit,
  seedTime,
} from './fake-confluence-data.js';
import {
  CONFLUENCE_DEPTH_ROUTES,
  depthRoutes,
  type FakeConfluenceDepthSeed,
  MEDIA_ROUTE,
  mediaRoute,
} from './fake-confluence-depth.js';
import { seedAttachments, seedComments, seedLabels, seedVersions } from './fake-confluence-depth-data.js';
import {
  confluenceError,
  confluenceV1Error,
  cqlFilter,
  encodeCursor,
  isAuthorized,
  listing,
  slice,
} from './fake-confluence-responses.js';

export type { ConfluencePage, ConfluenceSpace, ConfluenceVersion } from './fake-confluence-data.js';
export type { FakeConfluenceDepthSeed } from './fake-confluence-depth.js';
export type { ConfluenceAttachment, ConfluenceComment, ConfluenceLabel } from './fake-confluence-depth-data.js';
export { confluenceError, confluenceV1Error, rateLimited } from './fake-confluence-responses.js';

/** Route keys of the fake, for `fake.route(key, handler)` overrides (e.g. to answer 500). */
export const CONFLUENCE_ROUTES = {
  listSpaces: 'GET /wiki/api/v2/spaces',
  getPage: 'GET /wiki/api/v2/pages/:id',
  createPage: 'POST /wiki/api/v2/pages',
  updatePage: 'PUT /wiki/api/v2/pages/:id',
  deletePage: 'DELETE /wiki/api/v2/pages/:id',
  search: 'GET /wiki/rest/api/search',
  ...CONFLUENCE_DEPTH_ROUTES,
} as const;

/** What to seed the fake with. Every field is optional. */
export interface FakeConfluenceOptions {
  /** Account email of the accepted credential. Default `ada@example.com`. */
  email?: string;
  /** The only API token accepted. Default `ATATT3xFakeToken0000`. */
  token?: string;
  /** Spaces: `DEV` ("Engineering") first, then `SP2`, `SP3`… Default 3. */
  spaces?: number;
  /** Current pages in `DEV`, titled "Page 1"…, ids from 3000001. Default 3. */
  pages?: number;
  /** Largest page size the fake honours, as Confluence caps `limit` silently. Default 250 (search: 100). */
  maxLimit?: number;
  /** Footer comments on page 1 (3000001). Default 2. */
  comments?: number;
  /** Pages under page 1, titled "Child n", after the others. Default 0. */
  childPages?: number;
  /** Labels on page 1: runbook, payments, then label-n. Default 2. */
  labels?: number;
  /** Attachments on page 1: notes.txt (text/plain), diagram.png, then report-n.csv. Default 2. */
  attachments?: number;
  /** Versions of page 1 (its current version number). Default 1. */
  versions?: number;
}

/** The data the fake serves; mutable, so tests may add or change records. */
export interface FakeConfluenceSeed extends FakeConfluenceDepthSeed {
  email: string;
  spaces: ConfluenceSpace[];
  /** Every page, trashed ones included (with status `trashed`). `create_page` appends here. */
  pages: ConfluencePage[];
}

/** A JSON body the fake sent, as it went over the wire. */
export interface SentBody {
  route: string;
  status: number;
  body: string;
}

/** Keys of {@link CONFLUENCE_ROUTES}'s values. */
export type ConfluenceRouteKey = (typeof CONFLUENCE_ROUTES)[keyof typeof CONFLUENCE_ROUTES];

/** A running fake Confluence: the SDK's fake upstream plus the credential, seed and sent bodies. */
export type FakeConfluence = FakeUpstream & {
  readonly token: string;
  /** The fake's own handler of a route (auth check included), e.g. to answer 429 once and then normally. */
  defaultRoute(key: ConfluenceRouteKey): FakeRoute;
  /** Puts the fake's own handler back after a test overrode the route. */
  restore(key: ConfluenceRouteKey): void;
  /** The credential a handler should receive: this token with `email` and `site` fields. */
  readonly credential: Credential;
  readonly seed: FakeConfluenceSeed;
  /** Every JSON body the fake's own routes answered with, in order. */
  readonly sent: SentBody[];
};

interface PageWrite {
  id?: unknown;
  spaceId?: unknown;
  status?: unknown;
  title?: unknown;
  parentId?: unknown;
  body?: { representation?: unknown; value?: unknown };
  version?: { number?: unknown; message?: unknown };
}

/**
 * Starts a fake Confluence on `127.0.0.1:0`, seeded per `options`. Requests
 * without the right Basic credential get a 401 in the API generation's error
 * shape. Override any route of {@link CONFLUENCE_ROUTES} with `route(key,
 * handler)`; every request is in `requests`. Close it when done.
 */
export async function startFakeConfluence(options: FakeConfluenceOptions = {}): Promise<FakeConfluence> {
  const email = options.email ?? 'ada@example.com';
  const token = options.token ?? 'ATATT3xFakeToken0000';
  const upstream = await startFakeUpstream();
  const api = upstream.url;
  const base = `${api}/wiki`;
  const sent: SentBody[] = [];

  const spaces = Array.from({ length: options.spaces ?? 3 }, (_, i) => makeSpace(i + 1));
  const dev = spaces[0] ?? makeSpace(1);
  const pages = Array.from({ length: options.pages ?? 3 }, (_, i) =>
    makePage({
      id: String(3_000_001 + i),
      space: dev,
      title: `Page ${i + 1}`,
      storage: sampleStorage(`Page ${i + 1}`),
      hours: i,
    }),
  );
  const first = pages[0];
  for (let i = 0; i < (options.childPages ?? 0) && first; i++) {
    const child = makePage({
      id: String(3_000_001 + pages.length),
      space: dev,
      title: `Child ${i + 1}`,
      storage: sampleStorage(`Child ${i + 1}`),
      parentId: first.id,
      hours: 50 + i,
    });
    child.position = i;
    pages.push(child);
  }
  const seed: FakeConfluenceSeed = {
    email,
    spaces,
    pages,
    comments: first ? seedComments(first, options.comments ?? 2) : [],
    labels: new Map(first ? [[first.id, seedLabels(options.labels ?? 2)]] : []),
    ...(first ? seedAttachments(first, options.attachments ?? 2) : { attachments: [], files: new Map() }),
    versions: new Map(),
    people: new Map([[ACCOUNT_ID, 'Ada Lovelace']]),
  };
  if (first && (options.versions ?? 1) > 1) {
    first.version.number = options.versions ?? 1;
    seed.versions.set(first.id, seedVersions(first.version.number, 0));
  }
  const spaceOf = (id: string) => spaces.find((space) => space.id === id);
  const current = (id: string | undefined) => pages.find((page) => page.id === id && page.status !== 'trashed');
  const maxLimit = options.maxLimit;

  const pageWrite = (request: FakeRequest): PageWrite => (request.body ?? {}) as PageWrite;
  const badRequest = (title: string) => confluenceError(400, title);

  const routes: Record<string, FakeRoute> = {
    [CONFLUENCE_ROUTES.listSpaces]: (request) => {
      const keys = request.query.getAll('keys').flatMap((value) => value.split(','));
      const type = request.query.get('type');
      const status = request.query.get('status');
      const matching = spaces
        .filter((space) => keys.length === 0 || keys.includes(space.key))
        .filter((space) => !type || space.type === type)
        .filter((space) => !status || space.status === status)
        .sort((a, b) =>
          request.query.get('sort') === 'name' ? a.name.localeCompare(b.name) : Number(a.id) - Number(b.id),
        );
      return listing(request, slice(request, matching, maxLimit ?? 250), base);
    },
    ...depthRoutes({ base, pages, depth: seed, current }),
    [CONFLUENCE_ROUTES.getPage]: (request) => {
      const page = current(request.params.id);
      if (!page) return confluenceError(404);
      return { json: pageResponse(page, { body: request.query.get('body-format') === 'storage', base }) };
    },
    [CONFLUENCE_ROUTES.createPage]: (request) => {
      const body = pageWrite(request);
      const space = typeof body.spaceId === 'string' ? spaceOf(body.spaceId) : undefined;
      if (!space) return badRequest('Invalid spaceId, or the space does not exist');
      if (typeof body.title !== 'string' || body.title.trim() === '')
        return badRequest('Title is required to publish a page');
      if (body.body?.representation !== 'storage' || typeof body.body.value !== 'string') {
        return badRequest('Body representation must be storage, atlas_doc_format or wiki');
      }
      if (body.parentId !== undefined && !current(String(body.parentId))) return badRequest('Invalid parentId');
      if (pages.some((page) => page.spaceId === space.id && page.status !== 'trashed' && page.title === body.title)) {
        return badRequest('A page with this title already exists');
      }
      const page = makePage({
        id: String(3_000_001 + pages.length),
        space,
        title: body.title,
        storage: body.body.value,
        parentId: body.parentId === undefined ? null : String(body.parentId),
        hours: 100 + pages.length,
      });
      if (body.parentId === undefined) page.parentType = null;
      pages.push(page);
      return { json: pageResponse(page, { body: true, base }) };
    },
    [CONFLUENCE_ROUTES.updatePage]: (request) => {
      const page = current(request.params.id);
      if (!page) return confluenceError(404);
      const body = pageWrite(request);
      if (body.id !== page.id) return badRequest('The id in the body must match the page id in the path');
      if (typeof body.title !== 'string' || body.title.trim() === '') return badRequest('Title is required');
      if (body.body?.representation !== 'storage' || typeof body.body.value !== 'string') {
        return badRequest('Body is required');
      }
      if (body.version?.number !== page.version.number + 1) {
        return confluenceError(
          409,
          `Version must be incremented on update. Current version is: ${page.version.number}`,
        );
      }
      const space = spaceOf(page.spaceId) ?? dev;
      seed.versions.set(page.id, [...(seed.versions.get(page.id) ?? []), page.version]);
      page.title = body.title;
      page.body.storage.value = body.body.value;
      page.version = {
        createdAt: seedTime(200 + page.version.number),
        message: typeof body.version.message === 'string' ? body.version.message : '',
        number: page.version.number + 1,
        minorEdit: false,
        authorId: page.authorId,
      };
      page._links = pageLinks(space.key, page.id, page.title);
      return { json: pageResponse(page, { body: true, base }) };
    },
    [CONFLUENCE_ROUTES.deletePage]: (request) => {
      const page = current(request.params.id);
      if (!page) return confluenceError(404);
      page.status = 'trashed';
      return { status: 204 };
    },
    [CONFLUENCE_ROUTES.search]: (request) => {
      const cql = request.query.get('cql');
      if (!cql) return confluenceV1Error(400, 'CQL was not provided');
      const { matches, terms } = cqlFilter(cql);
      const found = pages
        .filter((page) => page.status === 'current')
        .map((page) => ({ page, space: spaceOf(page.spaceId) ?? dev }))
        .filter(({ page, space }) => matches(page, space));
      const page = slice(request, found, maxLimit ?? 100);
      const next =
        page.nextOffset === undefined
          ? undefined
          : `/rest/api/search?${new URLSearchParams({
              next: 'true',
              cursor: encodeCursor(page.nextOffset),
              limit: String(page.limit),
              start: String(page.nextOffset),
              cql,
            }).toString()}`;
      return {
        json: {
          results: page.items.map((hit) => searchHit(api, hit.page, hit.space, terms)),
          start: page.offset,
          limit: page.limit,
          size: page.items.length,
          totalSize: found.length,
          cqlQuery: cql,
          searchDuration: 42,
          _links: {
            base,
            context: '/wiki',
            ...(next ? { next } : {}),
            self: `${base}/rest/api/search?${request.query.toString()}`,
          },
        },
      };
    },
  };

  const defaults = new Map<string, FakeRoute>();
  for (const [key, handler] of Object.entries(routes)) {
    defaults.set(key, async (request, fake) => {
      if (!isAuthorized(request, email, token)) {
        return request.path.startsWith('/wiki/rest/')
          ? confluenceV1Error(401, 'Current user not permitted to use Confluence')
          : confluenceError(401);
      }
      const answer = await handler(request, fake);
      if (answer.json !== undefined)
        sent.push({ route: key, status: answer.status ?? 200, body: JSON.stringify(answer.json) });
      return answer;
    });
  }
  const defaultRoute = (key: ConfluenceRouteKey): FakeRoute => {
    const route = defaults.get(key);
    if (!route) throw new Error(`the fake Confluence has no route "${key}"`);
    return route;
  };
  const restore = (key: ConfluenceRouteKey) => upstream.route(key, defaultRoute(key));
  for (const key of defaults.keys()) restore(key as ConfluenceRouteKey);
  upstream.route(MEDIA_ROUTE, mediaRoute(seed));

  const credential: Credential = { kind: 'token', token, fields: { email, site: new URL(api).host } };
  return Object.assign(upstream, { token, credential, seed, sent, defaultRoute, restore });
}
