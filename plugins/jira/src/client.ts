import { type AtlassianProduct, resolveAtlassianConnection } from '@mcpist/atlassian';
import type { ToolContext } from '@mcpist/plugin-sdk';
import type { AgileClient, CloudClient } from 'jira.js';
import { createFetchTransport } from './fetch-transport.js';

/** The REST API version every request uses (`/rest/api/3/...`, rich text as ADF). */
export const JIRA_API_VERSION = '3';

/** Jira's largest page for issue search and project search when fields are requested. */
export const MAX_PAGE_SIZE = 100;

const JIRA: AtlassianProduct = { name: 'Jira', gatewayPath: 'jira' };

/** A jira.js Cloud client bound to one call, plus what tools need to build links. */
export interface JiraClient {
  api: CloudClient;
  /** Jira Software's boards and sprints (`/rest/agile/1.0/...`), over the same transport. */
  agile: AgileClient;
  /** Browser link of an issue, or null when the site is not known. */
  browseUrl(key: string): string | null;
}

let jiraJs: Promise<typeof import('jira.js')> | undefined;
/** jira.js, imported once (each `import()` still walks the module loader). */
const loadJiraJs = () => {
  jiraJs ??= import('jira.js');
  return jiraJs;
};

/**
 * Builds a jira.js Cloud client bound to one call's context. Every request
 * goes through the core's `fetch` (rate limited, retried, traced) with the
 * call's abort signal; see fetch-transport.ts for why jira.js needs a transport.
 * jira.js itself is loaded on the first call, not when the hub starts (it is
 * the heaviest import of all plugins).
 */
export async function createJiraClient(ctx: ToolContext): Promise<JiraClient> {
  const connection = resolveAtlassianConnection(JIRA, ctx);
  const transport = createFetchTransport({ connection, fetch: ctx.fetch, signal: ctx.signal, logger: ctx.logger });
  const { createAgileClient, createCloudClient } = await loadJiraJs();
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
