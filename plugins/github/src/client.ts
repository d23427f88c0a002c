import { AuthInvalidError, type ToolContext } from '@mcpist/plugin-sdk';
import type { Octokit } from '@octokit/rest';

/** The REST API version every request pins, so GitHub's answers keep the shape this plugin maps. */
export const GITHUB_API_VERSION = '2022-11-28';

/** Octokit's request log line for a 4xx answer: "GET /repos/o/r - 404 with id … in 12ms". */
const CLIENT_ERROR_LINE = / - 4\d\d with id /;

/** GitHub's largest `per_page`; bigger pages mean fewer requests against the hourly budget. */
const MAX_PER_PAGE = 100;

let octokitModule: Promise<typeof import('@octokit/rest')> | undefined;
/** The SDK, imported once (each `import()` still walks the module loader: ≈1% of a call's CPU). */
const loadOctokit = () => {
  octokitModule ??= import('@octokit/rest');
  return octokitModule;
};

/**
 * Builds an Octokit bound to one call's context. Requests go through the
 * core's `fetch` (rate limited, retried, traced) and stop when `ctx.signal`
 * aborts; the base URL may point at GitHub Enterprise or a local fake.
 * Octokit is imported on the first call (≈7 MB and ≈45 ms a server start
 * would otherwise pay).
 */
export async function createOctokit(ctx: ToolContext): Promise<Octokit> {
  const token = ctx.credential?.token;
  if (!token) {
    throw new AuthInvalidError(
      'GitHub is not connected: connect GitHub with a personal access token (https://github.com/settings/tokens) or sign in with GitHub, then retry.',
    );
  }
  const { Octokit } = await loadOctokit();
  const octokit = new Octokit({
    auth: token,
    // Octokit joins baseUrl and path verbatim; a trailing slash would double up.
    baseUrl: ctx.baseUrl.replace(/\/+$/, ''),
    userAgent: 'mcpist-plugin-github',
    request: { fetch: ctx.fetch, signal: ctx.signal },
    // Octokit would otherwise write deprecation notices straight to the console.
    log: {
      debug: (message: string) => ctx.logger.debug(message),
      // Octokit's info lines are its request log ("GET /repos/o/r/issues/1 - 200 with id … in 3ms"), one per
      // request: the core logs and measures every call and upstream request itself, so they are debug, and
      // never become a log notification to the client on every call.
      info: (message: string) => ctx.logger.debug(message),
      warn: (message: string) => ctx.logger.warn(message),
      // Octokit logs every failed request at error level. A 4xx is an answer, not a fault: the core logs the
      // call's outcome, and some are expected (create_or_update_file asks for a file that may not exist yet).
      error: (message: string) =>
        CLIENT_ERROR_LINE.test(message) ? ctx.logger.debug(message) : ctx.logger.error(message),
    },
  });
  octokit.hook.before('request', (options) => {
    options.headers['x-github-api-version'] = GITHUB_API_VERSION;
  });
  return octokit;
}

/** `per_page` for a listing: no more than the call may return, no more than GitHub allows. */
export function pageSize(ctx: ToolContext): number {
  return Math.max(1, Math.min(MAX_PER_PAGE, ctx.limits.maxRecords));
}

/**
 * Collects records from `octokit.paginate.iterator(...)` until `maxRecords`
 * are in hand. Returning early stops the iterator, so no page past the one
 * that filled the limit is requested. `toRecord` returns undefined to skip an
 * item (e.g. a pull request in an issue listing).
 */
export async function collectRecords<T, R>(
  pages: AsyncIterable<{ data: T[] }>,
  maxRecords: number,
  toRecord: (item: T) => R | undefined,
): Promise<R[]> {
  const records: R[] = [];
  if (maxRecords <= 0) return records;
  for await (const page of pages) {
    for (const item of page.data) {
      const record = toRecord(item);
      if (record === undefined) continue;
      records.push(record);
      if (records.length >= maxRecords) return records;
    }
  }
  return records;
}
