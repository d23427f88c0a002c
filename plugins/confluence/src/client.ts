import { type AtlassianProduct, resolveAtlassianConnection } from '@mcpist/atlassian';
import type { ToolContext } from '@mcpist/plugin-sdk';
import type { Client } from 'confluence.js/core';
import { createFetchClient } from './fetch-client.js';

/** The Confluence Cloud REST API generation the tools call (v1 only for CQL search, which v2 lacks). */
export const CONFLUENCE_API_VERSION = 'v2';

const CONFLUENCE: AtlassianProduct = { name: 'Confluence', gatewayPath: 'confluence' };

/** A confluence.js client bound to one call: its credential, base URL, and the core's fetch and signal. */
export interface ConfluenceSession {
  client: Client;
  /** Base of web links when a response names none: the API root (site, override or gateway) and `/wiki`. */
  webBase: string;
}

/**
 * Builds the confluence.js client for one call. Every request goes through
 * `ctx.fetch` (rate limited, retried, traced by the core) and stops when
 * `ctx.signal` aborts. An operator's base URL may end in `/wiki`, as
 * Confluence's links do; it is dropped, because every API path starts with it.
 */
export function createConfluence(ctx: ToolContext): ConfluenceSession {
  const baseUrl = ctx.baseUrl.replace(/\/+$/, '').replace(/\/wiki$/, '');
  const connection = resolveAtlassianConnection(CONFLUENCE, { ...ctx, baseUrl });
  return {
    client: createFetchClient({ connection, fetch: ctx.fetch, signal: ctx.signal }),
    webBase: `${connection.apiRoot}/wiki`,
  };
}

/** How many records a list tool may return: the caller's `limit`, never more than the server's. */
export function recordLimit(ctx: ToolContext, requested: number | undefined): number {
  return Math.max(0, Math.min(ctx.limits.maxRecords, requested ?? Number.POSITIVE_INFINITY));
}

/** One page of a cursor-paginated listing, as both API generations answer it. */
export interface CursorPage<T> {
  results?: T[] | null;
  _links?: { next?: string | null; base?: string | null } | null;
}

/** Options of `collectPages`. */
export interface CollectOptions<T, R> {
  /** Stop once this many records are in hand, requesting no further page. */
  limit: number;
  /** Fetches one page; `next` is the query of the previous page's `_links.next`, undefined for the first. */
  fetchPage: (next: URLSearchParams | undefined) => Promise<CursorPage<T>>;
  /** Maps one item; undefined skips it. Gets the page for its `_links.base`. */
  toRecord: (item: T, page: CursorPage<T>) => R | undefined;
}

/**
 * Follows `_links.next` (a relative URL carrying the cursor) page by page
 * until `limit` records are in hand or there is no next page. A next link
 * that repeats the previous one ends the walk rather than looping.
 */
export async function collectPages<T, R>({ limit, fetchPage, toRecord }: CollectOptions<T, R>): Promise<R[]> {
  const records: R[] = [];
  if (limit <= 0) return records;
  let next: URLSearchParams | undefined;
  const seen = new Set<string>();
  while (true) {
    const page = await fetchPage(next);
    for (const item of page.results ?? []) {
      const record = toRecord(item, page);
      if (record === undefined) continue;
      records.push(record);
      if (records.length >= limit) return records;
    }
    const link = page._links?.next;
    if (!link || seen.has(link)) return records;
    seen.add(link);
    next = new URL(link, 'https://confluence.invalid').searchParams;
  }
}
