import type { calendar_v3, MethodOptions } from '@googleapis/calendar';
import { AuthInvalidError, type ToolContext } from '@mcpist/plugin-sdk';

/** The Calendar API version every request targets. */
export const GOOGLE_CALENDAR_API_VERSION = 'v3';

/** This package's version, sent in the User-Agent so Google's and the operator's logs can tell who called. */
export const PLUGIN_VERSION = '0.1.0';

/** Google's largest page for `events.list`. */
export const MAX_EVENTS_PER_PAGE = 2500;

/** Google's largest page for `calendarList.list`. */
export const MAX_CALENDARS_PER_PAGE = 250;

/** The Calendar API bound to one call's context, plus the options every method call must pass. */
export interface CalendarClient {
  readonly api: calendar_v3.Calendar;
  /**
   * Per-call options. googleapis builds each URL from the method's own
   * `rootUrl` and then keeps only the path when applying the client's; passing
   * it per call too keeps a base URL's path prefix (e.g. a proxy's `/google/`).
   */
  readonly call: MethodOptions;
}

let calendarSdk: Promise<typeof import('@googleapis/calendar')> | undefined;
/** The SDK, imported once (each `import()` still walks the module loader). */
const loadCalendarSdk = () => {
  calendarSdk ??= import('@googleapis/calendar');
  return calendarSdk;
};

/**
 * Builds the official Calendar client for one call. Requests go through the
 * core's `fetch` (rate limited, retried, traced) and stop when `ctx.signal`
 * aborts; gaxios's own retries are off, since the core decides about retries.
 * The access token is presented by an OAuth2 client holding only that token,
 * so googleapis never tries to refresh it: refreshing is the core's job.
 * googleapis is imported on the first call (≈11 MB and ≈90 ms a server
 * start would otherwise pay for a module it may never call).
 */
export async function createCalendarClient(ctx: ToolContext): Promise<CalendarClient> {
  const token = ctx.credential?.token;
  if (!token) {
    throw new AuthInvalidError(
      'Google Calendar is not connected: connect your Google account (OAuth, calendar scope) in MCPist, then retry.',
    );
  }
  const { auth, calendar } = await loadCalendarSdk();
  const rootUrl = ctx.baseUrl.endsWith('/') ? ctx.baseUrl : `${ctx.baseUrl}/`;
  const oauth = new auth.OAuth2();
  oauth.setCredentials({ access_token: token, token_type: 'Bearer' });
  const api = calendar({
    version: 'v3',
    rootUrl,
    auth: oauth,
    fetchImplementation: ctx.fetch,
    signal: ctx.signal,
    retry: false,
    // Explicit, so GOOGLE_CLOUD_UNIVERSE_DOMAIN in the server's environment cannot redirect requests.
    universeDomain: 'googleapis.com',
    userAgentDirectives: [{ product: 'mcpist-plugin-google-calendar', version: PLUGIN_VERSION }],
  });
  return { api, call: { rootUrl } };
}

/** One page of a Google list response. */
export interface GooglePage<T> {
  items?: T[] | null;
  nextPageToken?: string | null;
}

/** What `collectPages` asks the caller to fetch next. */
export interface PageRequest {
  pageToken: string | undefined;
  /** Never more than the records still wanted, so no page fetches more than the call may return. */
  maxResults: number;
}

/**
 * Follows `nextPageToken` until `maxRecords` records are in hand or Google
 * has no more, requesting no page past the one that fills the limit. Google
 * may return short or even empty pages while more follow, so only the token
 * decides whether to go on. `toRecord` returns undefined to skip an item.
 */
export async function collectPages<T, R>(
  fetchPage: (request: PageRequest) => Promise<GooglePage<T>>,
  limits: { maxRecords: number; maxPageSize: number },
  toRecord: (item: T) => R | undefined,
): Promise<R[]> {
  const records: R[] = [];
  let pageToken: string | undefined;
  const seen = new Set<string>();
  while (records.length < limits.maxRecords) {
    const maxResults = Math.max(1, Math.min(limits.maxPageSize, limits.maxRecords - records.length));
    const page = await fetchPage({ pageToken, maxResults });
    for (const item of page.items ?? []) {
      const record = toRecord(item);
      if (record === undefined) continue;
      records.push(record);
      if (records.length >= limits.maxRecords) return records;
    }
    const next = page.nextPageToken ?? undefined;
    // A token seen before would loop forever; stop with what we have.
    if (next === undefined || next === '' || seen.has(next)) return records;
    seen.add(next);
    pageToken = next;
  }
  return records;
}

/** The record limit of a list call: the caller's `limit` if smaller than the server's. */
export function recordLimit(ctx: ToolContext, limit: number | undefined): number {
  return Math.max(1, Math.min(ctx.limits.maxRecords, limit ?? Number.POSITIVE_INFINITY));
}
