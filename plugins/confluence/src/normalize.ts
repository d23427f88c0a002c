import { z } from '@mcpist/plugin-sdk';
import type { SearchResult } from 'confluence.js/v1';
import type { Page, SpaceSummary } from 'confluence.js/v2';

/**
 * Normalized records (DESIGN §3): flat, small field sets an LLM can act on,
 * instead of Confluence's nested JSON. Ids stay strings, as Confluence sends
 * them; `url` is always an absolute link to the web UI.
 */

/** One space, as list_spaces returns it. */
export const spaceRecord = z.object({
  id: z.string().describe('Space id; create_page takes it as space_id'),
  key: z.string().describe('Space key, e.g. DEV; CQL and create_page (space_key) take it'),
  name: z.string(),
  type: z.string().describe('global, personal, collaboration, knowledge_base …'),
  status: z.string().describe('current or archived'),
  url: z.string().describe('Link to the space in Confluence'),
});

/** One search hit, as search returns it. */
export const searchRecord = z.object({
  id: z.string().describe('Content id; get_page takes it as page_id for pages'),
  title: z.string(),
  type: z.string().describe('page, blogpost, attachment, comment, space …'),
  space: z.string().nullable().describe('Key of the space it is in; null when unknown'),
  url: z.string().describe('Link to it in Confluence'),
  last_modified: z.string().nullable().describe('ISO 8601 time of the last change'),
});

/** One page without its text, as create_page, update_page and delete_page return it. */
export const pageRecord = z.object({
  id: z.string().describe('Page id; get_page, update_page and delete_page take it as page_id'),
  title: z.string(),
  space_id: z.string().nullable(),
  parent_id: z.string().nullable().describe('Id of the parent page; null at the top of the space'),
  status: z.string().describe('current, draft, trashed …'),
  version: z.number().describe('Version number; each update adds one'),
  last_modified: z.string().nullable().describe('ISO 8601 time of the current version'),
  url: z.string().describe('Link to the page in Confluence'),
});

/** One page with its text as Markdown, as get_page returns it. */
export const pageDetailRecord = pageRecord.extend({
  markdown: z.string().describe('The page text, converted from Confluence storage format to Markdown'),
});

export type SpaceRecord = z.output<typeof spaceRecord>;
export type SearchRecord = z.output<typeof searchRecord>;
export type PageRecord = z.output<typeof pageRecord>;
export type PageDetailRecord = z.output<typeof pageDetailRecord>;

/** Web links in responses are relative to `_links.base` (the site's `/wiki`); `fallbackBase` stands in when absent. */
export function webUrl(link: string | null | undefined, base: string | null | undefined, fallbackBase: string): string {
  if (!link) return fallbackBase;
  if (/^https?:\/\//i.test(link)) return link;
  return `${(base ?? fallbackBase).replace(/\/+$/, '')}${link.startsWith('/') ? '' : '/'}${link}`;
}

/** ISO 8601 text of a date confluence.js parsed; null for a missing or unreadable one. */
function iso(date: Date | string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const value = date instanceof Date ? date : new Date(date);
  return Number.isNaN(value.getTime()) ? null : value.toISOString();
}

export function toSpaceRecord(space: SpaceSummary, base: string | null | undefined, webBase: string): SpaceRecord {
  const key = space.key ?? '';
  return {
    id: space.id ?? '',
    key,
    name: space.name ?? key,
    type: String(space.type ?? ''),
    status: String(space.status ?? ''),
    url: webUrl(space._links?.webui ?? `/spaces/${encodeURIComponent(key)}`, base, webBase),
  };
}

/** Pages as v2 answers them: the full page, or a summary from a listing. */
type PageLike = Pick<Page, 'id' | 'title' | 'spaceId' | 'parentId' | 'status' | 'version' | 'createdAt' | '_links'>;

export function toPageRecord(page: PageLike, webBase: string, status?: string): PageRecord {
  const id = page.id ?? '';
  const links = page._links;
  return {
    id,
    title: page.title ?? '',
    space_id: page.spaceId ?? null,
    parent_id: page.parentId ?? null,
    status: status ?? String(page.status ?? ''),
    version: page.version?.number ?? 1,
    last_modified: iso(page.version?.createdAt ?? page.createdAt),
    url: webUrl(links?.webui ?? `/pages/viewpage.action?pageId=${id}`, links?.base, webBase),
  };
}

/** Search titles carry highlight markers (`@@@hl@@@term@@@endhl@@@`) around matched words. */
export function stripHighlight(title: string): string {
  return title.replace(/@@@(?:end)?hl@@@/g, '');
}

/**
 * The space key of a hit: from an expanded `space`, else the
 * `_expandable.space` link (`/rest/api/space/KEY`), else the container's
 * display URL (`/spaces/KEY`).
 */
function spaceKeyOf(result: SearchResult): string | null {
  const content = result.content;
  const expanded = content?.space?.key ?? result.space?.key;
  if (expanded) return expanded;
  const link = (content?._expandable as { space?: unknown } | undefined)?.space;
  const fromLink = typeof link === 'string' ? /\/space\/([^/?#]+)/.exec(link)?.[1] : undefined;
  if (fromLink) return decodeURIComponent(fromLink);
  const display = result.resultGlobalContainer?.displayUrl;
  const fromDisplay = display ? /\/spaces\/([^/?#]+)/.exec(display)?.[1] : undefined;
  return fromDisplay ? decodeURIComponent(fromDisplay) : null;
}

export function toSearchRecord(result: SearchResult, base: string | null | undefined, webBase: string): SearchRecord {
  const content = result.content;
  const id = content?.id ?? (result.space?.id === undefined ? '' : String(result.space.id));
  return {
    id,
    title: content?.title ?? stripHighlight(result.title),
    type: content?.type ?? result.entityType,
    space: spaceKeyOf(result),
    url: webUrl(result.url || content?._links?.webui, base, webBase),
    last_modified: iso(result.lastModified),
  };
}
