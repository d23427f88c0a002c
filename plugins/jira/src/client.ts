import { AuthInvalidError, type Credential, InvalidInputError, type ToolContext } from '@mcpist/plugin-sdk';
import type { AgileClient, CloudClient } from 'jira.js';
import { createFetchTransport } from './fetch-transport.js';

/** The REST API version every request uses (`/rest/api/3/...`, rich text as ADF). */
export const JIRA_API_VERSION = '3';

/**
 * The plugin's declared base URL. It is a placeholder, not a usable address:
 * every Jira Cloud site has its own host, taken from the credential's `site`
 * field unless the operator overrides the base URL.
 */
export const DEFAULT_BASE_URL = 'https://your-site.atlassian.net';

/** Atlassian's API gateway; OAuth 2.0 (3LO) and scoped API tokens reach a site as `<gateway>/<cloudId>`. */
export const ATLASSIAN_JIRA_GATEWAY = 'https://api.atlassian.com/ex/jira';

/** Jira's largest page for issue search and project search when fields are requested. */
export const MAX_PAGE_SIZE = 100;

const CONNECT_HINT =
  'connect Atlassian with an API token (https://id.atlassian.com/manage-profile/security/api-tokens), e.g. `mcpist credential set atlassian --token <token> --field email=you@example.com site=acme.atlassian.net`';

/** Where and how to reach one Jira site. */
export interface JiraConnection {
  /** Root the `/rest/api/3/...` paths are appended to. */
  apiRoot: string;
  /** The site people open in a browser (`https://acme.atlassian.net`); undefined when not known. */
  siteUrl: string | undefined;
  /** The `Authorization` header value. */
  authorization: string;
}

/** A jira.js Cloud client bound to one call, plus what tools need to build links. */
export interface JiraClient {
  api: CloudClient;
  /** Jira Software's boards and sprints (`/rest/agile/1.0/...`), over the same transport. */
  agile: AgileClient;
  /** Browser link of an issue, or null when the site is not known. */
  browseUrl(key: string): string | null;
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The origin of a site as users type it: `acme.atlassian.net`,
 * `https://acme.atlassian.net/` or a pasted issue link all give
 * `https://acme.atlassian.net`. Undefined when it is not a host.
 */
export function siteOrigin(site: string | undefined): string | undefined {
  const trimmed = site?.trim() ?? '';
  if (trimmed === '') return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function basicAuthorization(credential: Credential): string {
  const email = credential.fields.email?.trim();
  if (!email) {
    throw new InvalidInputError(
      `The Atlassian credential has no email: Jira API tokens are used with the account's email. Set the credential's "email" field (${CONNECT_HINT}).`,
      { field: 'email' },
    );
  }
  return `Basic ${Buffer.from(`${email}:${credential.token}`, 'utf8').toString('base64')}`;
}

/**
 * Resolves the API root and authorization for a call:
 * 1. an operator override of the base URL (anything but {@link DEFAULT_BASE_URL}) wins;
 * 2. else a `cloudId` field (OAuth 2.0 3LO, or a scoped API token) goes through Atlassian's gateway;
 * 3. else a type-A token goes to `https://<site>`; OAuth without a cloud id cannot be routed.
 * Type-A tokens authenticate with Basic `email:token`; OAuth access tokens as Bearer.
 */
export function resolveConnection(ctx: Pick<ToolContext, 'baseUrl' | 'credential'>): JiraConnection {
  const credential = ctx.credential;
  if (!credential?.token) {
    throw new AuthInvalidError(`Jira is not connected: ${CONNECT_HINT}, or sign in with Atlassian.`);
  }
  const authorization = credential.kind === 'oauth2' ? `Bearer ${credential.token}` : basicAuthorization(credential);
  const siteUrl = siteOrigin(credential.fields.site);
  const override = trimSlashes(ctx.baseUrl);
  if (override !== '' && override !== DEFAULT_BASE_URL) {
    return { apiRoot: override, siteUrl: siteUrl ?? siteOrigin(override), authorization };
  }
  const cloudId = credential.fields.cloudId?.trim();
  if (cloudId) {
    return { apiRoot: `${ATLASSIAN_JIRA_GATEWAY}/${encodeURIComponent(cloudId)}`, siteUrl, authorization };
  }
  if (credential.kind === 'oauth2') {
    throw new AuthInvalidError(
      'The Atlassian OAuth connection has no cloud id, so MCPist cannot tell which Jira site to call: reconnect Atlassian.',
    );
  }
  if (!siteUrl) {
    const problem = credential.fields.site?.trim() ? 'is not a valid host' : 'is missing';
    throw new InvalidInputError(
      `The Atlassian credential's "site" field ${problem}: set it to your Jira site, e.g. acme.atlassian.net (${CONNECT_HINT}).`,
      { field: 'site' },
    );
  }
  return { apiRoot: siteUrl, siteUrl, authorization };
}

/**
 * Builds a jira.js Cloud client bound to one call's context. Every request
 * goes through the core's `fetch` (rate limited, retried, traced) with the
 * call's abort signal; see fetch-transport.ts for why jira.js needs a transport.
 * jira.js itself is loaded on the first call, not when the hub starts (it is
 * the heaviest import of all plugins).
 */
export async function createJiraClient(ctx: ToolContext): Promise<JiraClient> {
  const connection = resolveConnection(ctx);
  const transport = createFetchTransport({
    apiRoot: connection.apiRoot,
    authorization: connection.authorization,
    fetch: ctx.fetch,
    signal: ctx.signal,
    logger: ctx.logger,
  });
  const { createAgileClient, createCloudClient } = await import('jira.js');
  return {
    api: createCloudClient(transport),
    agile: createAgileClient(transport),
    browseUrl: (key) => (connection.siteUrl ? `${connection.siteUrl}/browse/${key}` : null),
  };
}

/** How many records a listing may return: the caller's `limit`, never more than the server's `maxRecords`. */
export function recordLimit(ctx: ToolContext, requested?: number): number {
  return Math.max(0, Math.min(requested ?? ctx.limits.maxRecords, ctx.limits.maxRecords));
}

/** One page of a listing and where the next one starts (undefined: no more pages). */
export interface Page<C, T> {
  items: readonly T[];
  next: C | undefined;
}

/**
 * Follows a paginated listing until `limit` records are in hand or the
 * upstream has no more, asking each page for no more than is still needed (at
 * most {@link MAX_PAGE_SIZE}), so no page past the limit is ever requested.
 */
export async function collectPages<C, T, R>(options: {
  limit: number;
  first: C;
  fetchPage: (cursor: C, pageSize: number) => Promise<Page<C, T>>;
  toRecord: (item: T) => R;
}): Promise<R[]> {
  const records: R[] = [];
  let cursor: C | undefined = options.first;
  while (cursor !== undefined && records.length < options.limit) {
    const page: Page<C, T> = await options.fetchPage(cursor, Math.min(MAX_PAGE_SIZE, options.limit - records.length));
    for (const item of page.items) {
      records.push(options.toRecord(item));
      if (records.length >= options.limit) return records;
    }
    // An empty page that claims more would loop forever.
    cursor = page.items.length === 0 ? undefined : page.next;
  }
  return records;
}
