import { AuthInvalidError, type ToolContext } from '@mcpist/plugin-sdk';
import { Client, LogLevel } from '@notionhq/client';

/**
 * The `Notion-Version` every request pins: the official client's default, set
 * explicitly so a client upgrade cannot silently change the shapes this
 * plugin maps (2025-09-03 is the version with databases split into data sources).
 */
export const NOTION_API_VERSION = '2025-09-03';

/** Notion's largest `page_size` for every paginated endpoint. */
export const MAX_PAGE_SIZE = 100;

/** Notion accepts at most this many blocks in one `children` array. */
export const MAX_BLOCKS_PER_REQUEST = 100;

/**
 * The client's own per-request timeout. The core's deadline (`ctx.signal`)
 * is what really bounds a call; this only has to be longer than any deadline
 * an operator may configure (at most 600 s), so it never fires first.
 */
const CLIENT_TIMEOUT_MS = 610_000;

type ClientFetch = NonNullable<ConstructorParameters<typeof Client>[0]>['fetch'];

/**
 * Builds a Notion client bound to one call's context. Every request goes
 * through the core's `fetch` (rate limited, traced) with the call's abort
 * signal, which the client would not pass on by itself. The client's own
 * retries are off: the core retries, honouring `Retry-After` and the deadline.
 */
export function createNotionClient(ctx: ToolContext): Client {
  const token = ctx.credential?.token;
  if (!token) {
    throw new AuthInvalidError(
      'Notion is not connected: create an internal integration at https://www.notion.so/my-integrations, share the pages with it, and connect its token (or sign in with Notion), then retry.',
    );
  }
  const fetchWithSignal: ClientFetch = (url, init) => ctx.fetch(url, { ...init, signal: ctx.signal });
  return new Client({
    auth: token,
    // The client appends `/v1/` itself; a trailing slash would double up.
    baseUrl: ctx.baseUrl.replace(/\/+$/, ''),
    notionVersion: NOTION_API_VERSION,
    fetch: fetchWithSignal,
    retry: false,
    timeoutMs: CLIENT_TIMEOUT_MS,
    logLevel: LogLevel.WARN,
    // The client would otherwise write to the console. A failed request is the core's to log (it does,
    // once per call, with its error code); warnings such as ignored parameters point at a plugin bug.
    logger: (level, message, extraInfo) => {
      const text = `notion client: ${message}`;
      if (level === LogLevel.ERROR) ctx.logger.error(text, extraInfo);
      else if (level === LogLevel.WARN && message !== 'request fail') ctx.logger.warn(text, extraInfo);
      else ctx.logger.debug(text, extraInfo);
    },
  });
}

/** One page of a Notion list response (`object: "list"`). */
export interface NotionListPage<T> {
  results: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * Follows Notion's cursor pagination (`has_more` / `next_cursor`) until
 * `maxRecords` records are in hand or the list ends. Each request asks for no
 * more than is still needed (at most 100), so no page past the limit is ever
 * requested. `toRecord` returns undefined to skip an item.
 */
export async function collectPages<T, R>(
  fetchPage: (cursor: string | undefined, pageSize: number) => Promise<NotionListPage<T>>,
  maxRecords: number,
  toRecord: (item: T) => R | undefined,
): Promise<R[]> {
  const records: R[] = [];
  let cursor: string | undefined;
  while (records.length < maxRecords) {
    const page = await fetchPage(cursor, Math.min(MAX_PAGE_SIZE, maxRecords - records.length));
    for (const item of page.results) {
      const record = toRecord(item);
      if (record === undefined) continue;
      records.push(record);
      if (records.length >= maxRecords) return records;
    }
    if (!page.has_more || !page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return records;
}

/** Splits `items` into runs of at most `size`, e.g. blocks into requests of 100. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
