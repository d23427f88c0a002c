import { AuthInvalidError, InvalidInputError, type ToolContext } from '@mcpist/plugin-sdk';
import type { Client } from 'confluence.js/core';
import { createFetchClient } from './fetch-client.js';

/** The Confluence Cloud REST API generation the tools call (v1 only for CQL search, which v2 lacks). */
export const CONFLUENCE_API_VERSION = 'v2';

/**
 * The plugin's declared base URL. It names no real site: each user's site
 * comes from their Atlassian credential, unless the operator overrides the
 * base URL (then every call goes there).
 */
export const PLACEHOLDER_BASE_URL = 'https://your-site.atlassian.net';

/** Atlassian's API gateway, where OAuth (3LO) tokens are accepted; site domains refuse them. */
const OAUTH_GATEWAY = 'https://api.atlassian.com/ex/confluence';

const CONNECT_HINT =
  'connect Atlassian with your account email, your site (e.g. acme.atlassian.net) and an API token from https://id.atlassian.com/manage-profile/security/api-tokens';

const HOST_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/**
 * A site as users type it ("acme", "acme.atlassian.net",
 * "https://acme.atlassian.net/wiki/") to its origin. Anything that is not a
 * plain host name is refused, so a credential field can never redirect the
 * credential to another path or host.
 */
export function siteOrigin(site: string): string {
  let host = site
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '');
  host = host.replace(/\/+(wiki\/*)?$/, '');
  if (!host.includes('.') && !host.includes(':')) host = `${host}.atlassian.net`;
  if (!HOST_PATTERN.test(host)) {
    throw new InvalidInputError(
      `the Atlassian site "${site.slice(0, 100)}" is not a host name like acme.atlassian.net`,
      {
        field: 'site',
      },
    );
  }
  return `https://${host}`;
}

/**
 * Where requests go: the operator's override when there is one, else the
 * user's site (or, for an OAuth credential with a `cloudId` field, Atlassian's
 * gateway for that site). A trailing `/wiki` is dropped, because every API
 * path already starts with it.
 */
export function confluenceBaseUrl(ctx: ToolContext): string {
  const configured = ctx.baseUrl.replace(/\/+$/, '').replace(/\/wiki$/, '');
  if (configured !== PLACEHOLDER_BASE_URL) return configured;
  const fields = ctx.credential?.fields ?? {};
  const cloudId = fields.cloudId?.trim();
  if (ctx.credential?.kind === 'oauth2' && cloudId) return `${OAUTH_GATEWAY}/${encodeURIComponent(cloudId)}`;
  const site = fields.site?.trim();
  if (!site) {
    throw new InvalidInputError(`Confluence does not know which site to call: ${CONNECT_HINT}.`, { field: 'site' });
  }
  return siteOrigin(site);
}

/** Basic `email:token` for API tokens, Bearer for OAuth access tokens. */
function authorization(ctx: ToolContext): string {
  const credential = ctx.credential;
  if (!credential?.token) throw new AuthInvalidError(`Confluence is not connected: ${CONNECT_HINT}.`);
  if (credential.kind === 'oauth2') return `Bearer ${credential.token}`;
  const email = credential.fields.email?.trim();
  if (!email) throw new AuthInvalidError(`The Atlassian credential has no account email: ${CONNECT_HINT}.`);
  return `Basic ${Buffer.from(`${email}:${credential.token}`, 'utf8').toString('base64')}`;
}

/** A confluence.js client bound to one call: its credential, base URL, and the core's fetch and signal. */
export interface ConfluenceSession {
  client: Client;
  /** Site origin requests go to, e.g. `https://acme.atlassian.net`. */
  baseUrl: string;
  /** Base of web links when a response names none: `<baseUrl>/wiki`. */
  webBase: string;
}

/**
 * Builds the confluence.js client for one call. Every request goes through
 * `ctx.fetch` (rate limited, retried, traced by the core) and stops when
 * `ctx.signal` aborts.
 */
export function createConfluence(ctx: ToolContext): ConfluenceSession {
  const auth = authorization(ctx);
  const baseUrl = confluenceBaseUrl(ctx);
  return {
    client: createFetchClient({ baseUrl, authorization: auth, fetch: ctx.fetch, signal: ctx.signal }),
    baseUrl,
    webBase: `${baseUrl}/wiki`,
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
