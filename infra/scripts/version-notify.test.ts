import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkVersions, issueFor, type ModuleVersion, type VersionSources } from './version-notify.js';

/**
 * The weekly version check against fake version sources on loopback, each
 * answering in its upstream's documented shape: GitHub's `GET /versions`
 * (a JSON list of dates), Notion's `notion-version` response header (on a 401
 * without a token), Google's API discovery list.
 */

/** What the plugins declare today (the shape of `mcpist plugins list --json`). */
const MODULES: ModuleVersion[] = [
  { module: 'github', api_version: '2022-11-28' },
  { module: 'notion', api_version: '2025-09-03' },
  { module: 'google-calendar', api_version: 'v3' },
  { module: 'jira', api_version: '3' },
  { module: 'confluence', api_version: 'v2' },
  { module: 'acme', api_version: '1' },
];

let upstream: { github: string[] | 'fail'; notion: string | undefined; calendar: string };
let server: Server;
let sources: VersionSources;
let work: string;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/github/versions') {
      if (upstream.github === 'fail') return json(res, 503, { message: 'Service unavailable' });
      return json(res, 200, upstream.github);
    }
    if (url.pathname === '/notion/v1/users') {
      const headers: Record<string, string> = upstream.notion ? { 'notion-version': upstream.notion } : {};
      return json(
        res,
        401,
        { object: 'error', status: 401, code: 'unauthorized', message: 'API token is invalid.' },
        headers,
      );
    }
    if (url.pathname === '/google/discovery/v1/apis' && url.searchParams.get('name') === 'calendar') {
      return json(res, 200, {
        kind: 'discovery#directoryList',
        items: [
          {
            kind: 'discovery#directoryItem',
            id: `calendar:${upstream.calendar}`,
            name: 'calendar',
            version: upstream.calendar,
            preferred: true,
          },
        ],
      });
    }
    return json(res, 404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sources = { github: `${base}/github`, notion: `${base}/notion`, google: `${base}/google` };
  work = mkdtempSync(join(tmpdir(), 'mcpist-versions-'));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

beforeEach(() => {
  upstream = { github: ['2022-11-28'], notion: '2025-09-03', calendar: 'v3' };
});

const changed = async () =>
  (await checkVersions(MODULES, sources)).filter((check) => check.status === 'changed').map((check) => check.module);

describe('version-notify', () => {
  it('reports nothing when every upstream serves the declared version', async () => {
    expect(await changed()).toEqual([]);
    expect(issueFor(await checkVersions(MODULES, sources))).toBeUndefined();
  });

  it.each([
    ['github', () => (upstream.github = ['2022-11-28', '2026-03-10']), ['github']],
    ['notion', () => (upstream.notion = '2026-01-15'), ['notion']],
    ['google-calendar', () => (upstream.calendar = 'v4'), ['google-calendar']],
    [
      'github and notion',
      () => {
        upstream.github = ['2026-03-10', '2022-11-28'];
        upstream.notion = '2026-01-15';
      },
      ['github', 'notion'],
    ],
  ])('reports exactly the changed modules: %s', async (_name, change, expected) => {
    change();
    expect(await changed()).toEqual(expected);
  });

  it('lists Atlassian for a manual look, a module without a source as unknown, and a failing source as an error', async () => {
    upstream.github = 'fail';
    upstream.notion = undefined;
    const checks = await checkVersions(MODULES, sources);
    expect(Object.fromEntries(checks.map((c) => [c.module, c.status]))).toEqual({
      github: 'error',
      notion: 'error',
      'google-calendar': 'unchanged',
      jira: 'manual',
      confluence: 'manual',
      acme: 'unknown',
    });
    expect(checks.find((c) => c.module === 'github')?.detail).toBe('GET /versions: HTTP 503');
  });

  it('titles the issue with each change and tables every module', async () => {
    upstream.github = ['2022-11-28', '2026-03-10'];
    const issue = issueFor(await checkVersions(MODULES, sources));
    expect(issue?.title).toBe('API version change: github 2022-11-28 → 2026-03-10');
    expect(issue?.body).toContain('| github | 2022-11-28 | 2026-03-10 | changed |');
    expect(issue?.body).toContain(
      '| jira | 3 | — | manual (https://developer.atlassian.com/cloud/jira/platform/changelog/) |',
    );
  });

  it('runs as the workflow runs it: reads `plugins list --json`, writes the issue body and GITHUB_OUTPUT', async () => {
    upstream.notion = '2026-01-15';
    const modules = join(work, 'modules.json');
    writeFileSync(modules, JSON.stringify({ loaded: MODULES, failed: [] }));
    const output = join(work, 'github-output');
    writeFileSync(output, '');
    const body = join(work, 'issue.md');
    const script = new URL('version-notify.ts', import.meta.url).pathname;
    const args = [script, '--modules', modules, '--output', body];
    args.push('--github-api', sources.github, '--notion-api', sources.notion, '--google-api', sources.google);
    const run = await promisify(execFile)(process.execPath, args, {
      env: { PATH: process.env.PATH, GITHUB_OUTPUT: output },
    });
    expect(run.stdout).toContain('notion\t2025-09-03\t2026-01-15\tchanged');
    expect(readFileSync(output, 'utf8')).toBe(
      'changed=notion\ntitle=API version change: notion 2025-09-03 → 2026-01-15\n',
    );
    expect(readFileSync(body, 'utf8')).toContain('| notion | 2025-09-03 | 2026-01-15 | changed |');
  });
});
