/**
 * Seed objects for the fake Confluence, shaped like the Cloud REST API's
 * documented responses: v2 spaces and pages (`/wiki/api/v2/…`) and v1 search
 * results (`/wiki/rest/api/search`). `api` is the fake's base URL; web links
 * are relative to `<api>/wiki`, as Confluence's `_links.base`.
 */

/** A v2 space (`SpaceSummary`). */
export interface ConfluenceSpace {
  id: string;
  key: string;
  name: string;
  type: string;
  status: 'current' | 'archived';
  authorId: string;
  createdAt: string;
  homepageId: string;
  spaceOwnerId: string;
  currentActiveAlias: string;
  description: null;
  icon: null;
  _links: { webui: string };
}

/** A v2 version object. */
export interface ConfluenceVersion {
  createdAt: string;
  message: string;
  number: number;
  minorEdit: boolean;
  authorId: string;
}

/** A v2 page, with its storage-format body (sent only when `body-format=storage` is asked for). */
export interface ConfluencePage {
  id: string;
  status: 'current' | 'draft' | 'trashed';
  title: string;
  spaceId: string;
  parentId: string | null;
  parentType: 'page' | null;
  position: number;
  authorId: string;
  ownerId: string;
  lastOwnerId: string | null;
  createdAt: string;
  version: ConfluenceVersion;
  body: { storage: { representation: 'storage'; value: string } };
  _links: { editui: string; webui: string; edituiv2: string; tinyui: string };
}

/** The account every seeded object belongs to. */
export const ACCOUNT_ID = '5b10ac8d82e05b22cc7d4ef5';

const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');

/** A timestamp `hours` after the seed epoch, in Confluence's format (with milliseconds). */
export function seedTime(hours: number): string {
  return new Date(EPOCH + hours * 3_600_000).toISOString();
}

/** Confluence's URL slug of a title: spaces as `+`, other characters percent-encoded. */
export function titleSlug(title: string): string {
  return encodeURIComponent(title).replace(/%20/g, '+');
}

export function makeSpace(index: number): ConfluenceSpace {
  const key = index === 1 ? 'DEV' : `SP${index}`;
  return {
    id: String(98_303 + index),
    key,
    name: index === 1 ? 'Engineering' : `Space ${String(index).padStart(3, '0')}`,
    type: 'global',
    status: 'current',
    authorId: ACCOUNT_ID,
    createdAt: seedTime(-1000 + index),
    homepageId: String(65_536 + index),
    spaceOwnerId: ACCOUNT_ID,
    currentActiveAlias: key,
    description: null,
    icon: null,
    _links: { webui: `/spaces/${key}` },
  };
}

/** A short storage-format body with the constructs pages commonly have. */
export function sampleStorage(title: string): string {
  return (
    `<h2>${title}</h2><p>Written by <strong>the team</strong>, see <a href="https://example.com/docs">the docs</a>.</p>` +
    '<ul><li><p>First point</p></li><li><p>Second point</p></li></ul>'
  );
}

export interface PageSeed {
  id: string;
  space: ConfluenceSpace;
  title: string;
  storage: string;
  parentId?: string | null;
  hours?: number;
}

export function makePage(seed: PageSeed): ConfluencePage {
  const { id, space, title } = seed;
  const hours = seed.hours ?? 0;
  return {
    id,
    status: 'current',
    title,
    spaceId: space.id,
    parentId: seed.parentId ?? space.homepageId,
    parentType: 'page',
    position: Number(id) % 1000,
    authorId: ACCOUNT_ID,
    ownerId: ACCOUNT_ID,
    lastOwnerId: null,
    createdAt: seedTime(hours),
    version: { createdAt: seedTime(hours), message: '', number: 1, minorEdit: false, authorId: ACCOUNT_ID },
    body: { storage: { representation: 'storage', value: seed.storage } },
    _links: pageLinks(space.key, id, title),
  };
}

/** A page's web links; they change with its title. */
export function pageLinks(spaceKey: string, id: string, title: string): ConfluencePage['_links'] {
  return {
    editui: `/pages/resumedraft.action?draftId=${id}`,
    webui: `/spaces/${spaceKey}/pages/${id}/${titleSlug(title)}`,
    edituiv2: `/spaces/${spaceKey}/pages/edit-v2/${id}`,
    tinyui: `/x/${Buffer.from(id).toString('base64url')}`,
  };
}

/** A page as the v2 API sends it: the body only when asked for, `_links.base` on single objects. */
export function pageResponse(page: ConfluencePage, options: { body: boolean; base?: string }): Record<string, unknown> {
  return {
    ...page,
    body: options.body ? page.body : {},
    _links: options.base ? { ...page._links, base: options.base } : page._links,
  };
}

/** One v1 search hit for a page (`SearchResult` with a `content` object, space not expanded). */
export function searchHit(
  api: string,
  page: ConfluencePage,
  space: ConfluenceSpace,
  terms: readonly string[],
): Record<string, unknown> {
  let highlighted = page.title;
  for (const term of terms) {
    highlighted = highlighted.replace(
      new RegExp(`(${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'ig'),
      '@@@hl@@@$1@@@endhl@@@',
    );
  }
  return {
    content: {
      id: page.id,
      type: 'page',
      status: page.status,
      title: page.title,
      childTypes: {},
      macroRenderedOutput: {},
      restrictions: {},
      _expandable: {
        container: '',
        metadata: '',
        extensions: '',
        operations: '',
        children: '',
        history: `/rest/api/content/${page.id}/history`,
        ancestors: '',
        body: '',
        version: '',
        descendants: '',
        space: `/rest/api/space/${space.key}`,
      },
      _links: { webui: page._links.webui, self: `${api}/wiki/rest/api/content/${page.id}`, tinyui: page._links.tinyui },
    },
    title: highlighted,
    excerpt: `Excerpt of ${page.title}`,
    url: page._links.webui,
    resultGlobalContainer: { title: space.name, displayUrl: `/spaces/${space.key}` },
    breadcrumbs: [],
    entityType: 'content',
    iconCssClass: 'aui-icon content-type-page',
    lastModified: page.version.createdAt,
    friendlyLastModified: 'Jan 01, 2026',
    score: 1,
  };
}
