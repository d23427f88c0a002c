import { AuthInvalidError, currentToolContext, type ToolContext } from '@mcpist/plugin-sdk';
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

type OctokitClass = typeof import('@octokit/rest')['Octokit'];
type CallParts = Pick<ToolContext, 'fetch' | 'logger' | 'signal'>;

/** Octokits kept per (base URL, token); a credential that changed (a refresh) starts a new one. */
const shared = new Map<string, Octokit>();
const MAX_SHARED = 64;

function build(Octokit: OctokitClass, token: string, baseUrl: string, call: () => CallParts) {
  const octokit = new Octokit({
    auth: token,
    // Octokit joins baseUrl and path verbatim; a trailing slash would double up.
    baseUrl: baseUrl.replace(/\/+$/, ''),
    userAgent: 'mcpist-plugin-github',
    // Each request goes out through the running call's fetch, and stops when that call is aborted.
    request: {
      fetch: (url: string, init: RequestInit) => {
        const { fetch, signal } = call();
        return fetch(url, { ...init, signal: init.signal ?? signal });
      },
    },
    // Octokit would otherwise write deprecation notices straight to the console.
    log: {
      debug: (message: string) => call().logger.debug(message),
      // Octokit's info lines are its request log ("GET /repos/o/r/issues/1 - 200 with id … in 3ms"), one per
      // request: the core logs and measures every call and upstream request itself, so they are debug, and
      // never become a log notification to the client on every call.
      info: (message: string) => call().logger.debug(message),
      warn: (message: string) => call().logger.warn(message),
      // Octokit logs every failed request at error level. A 4xx is an answer, not a fault: the core logs the
      // call's outcome, and some are expected (create_or_update_file asks for a file that may not exist yet).
      error: (message: string) =>
        CLIENT_ERROR_LINE.test(message) ? call().logger.debug(message) : call().logger.error(message),
    },
  });
  octokit.hook.before('request', (options) => {
    options.headers['x-github-api-version'] = GITHUB_API_VERSION;
  });
  return octokit;
}

/** The running call's fetch and logger, for a shared Octokit; a request outside any call is a bug. */
function runningCall(): CallParts {
  const ctx = currentToolContext();
  if (!ctx) throw new Error('a shared GitHub client was used outside a tool call');
  return ctx;
}

/**
 * An Octokit for one call's context. Requests go through the core's `fetch`
 * (rate limited, retried, traced; it carries the call's deadline) and log to
 * the call's logger; the base URL may point at GitHub Enterprise or a local
 * fake. Inside a call the core runs (`currentToolContext()` is `ctx`), one
 * Octokit per credential is kept and reused: building one, with its hooks and
 * per-instance endpoint methods, was ≈ 2% of a call's CPU. Octokit is
 * imported on the first call (≈7 MB and ≈45 ms a server start would
 * otherwise pay).
 */
export async function createOctokit(ctx: ToolContext): Promise<Octokit> {
  const token = ctx.credential?.token;
  if (!token) {
    throw new AuthInvalidError(
      'GitHub is not connected: connect GitHub with a personal access token (https://github.com/settings/tokens) or sign in with GitHub, then retry.',
    );
  }
  const { Octokit } = await loadOctokit();
  if (currentToolContext() !== ctx) return build(Octokit, token, ctx.baseUrl, () => ctx);
  const key = `${ctx.baseUrl}\n${token}`;
  let octokit = shared.get(key);
  if (!octokit) {
    if (shared.size >= MAX_SHARED) shared.delete(shared.keys().next().value as string);
    octokit = build(Octokit, token, ctx.baseUrl, runningCall);
    shared.set(key, octokit);
  }
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
