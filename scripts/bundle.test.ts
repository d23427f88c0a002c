import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthcheckCommand } from '../infra/dockerfile-instructions.js';
import { type FakeGitHub, startFakeGitHub } from '../plugins/github/test/fake-github.js';

/**
 * `npm run bundle`'s folder, run the way the image runs it: plain `node` (the
 * pinned Node 24, nothing from the repository on any path), from a folder
 * outside the repository, with only the environment a container would get.
 */

const REPO_ROOT = new URL('../', import.meta.url).pathname;
const run = promisify(execFile);
const ADMIN_INDEX = join(REPO_ROOT, 'admin/out/index.html');

let work: string;
let bundle: string;
let github: FakeGitHub;
let server: ChildProcess | undefined;
let url: string;
let apiToken: string;

const env = () => ({ PATH: '/usr/bin:/bin', HOME: work, MCPIST_DATA_DIR: join(work, 'data') });

/** Runs the bundle's CLI with `cwd` = the bundle folder. */
function mcpist(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['core/dist/cli/main.js', ...args], { cwd: bundle, env: env() });
  child.stdin.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mcpist-bundle-'));
  bundle = join(work, 'mcpist');
  await run(process.execPath, [join(REPO_ROOT, 'scripts/bundle.mjs'), '--out', bundle], { cwd: REPO_ROOT });
  github = await startFakeGitHub();

  const created = await mcpist(['token', 'create', '--user', 'alice@example.com']);
  expect(created.code, created.stderr).toBe(0);
  apiToken = created.stdout.trim();
  const stored = await mcpist(['credential', 'set', 'github', '--token', '-'], github.token);
  expect(stored.code, stored.stderr).toBe(0);

  server = spawn(process.execPath, ['core/dist/cli/main.js', 'serve', '--port', '0', '--log-format', 'json'], {
    cwd: bundle,
    env: { ...env(), MCPIST_PLUGIN_GITHUB_BASE_URL: github.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = server;
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: started.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const entry = JSON.parse(line) as { message?: string; url?: string };
      if (entry.message === 'mcpist listening') resolve(String(entry.url));
    });
    started.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}, 480_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await github?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the production bundle', () => {
  it('holds the core, the plugins and production dependencies only', () => {
    const has = (path: string) => existsSync(join(bundle, path));
    expect(has('core/dist/cli/main.js')).toBe(true);
    expect(has('core/dist/store/pglite-template.tar')).toBe(true);
    expect(has('node_modules/@mcpist/plugin-github/dist/index.js')).toBe(true);
    expect(has('node_modules/express/package.json')).toBe(true);
    for (const dev of ['vitest', 'typescript', '@biomejs/biome', 'lerna', 'node', 'playwright-core', 'next', 'react']) {
      expect(has(`node_modules/${dev}`), dev).toBe(false);
    }
    expect(has('core/src')).toBe(false);
    expect(has('admin/package.json')).toBe(false);
  });

  it('serves /health from outside the repository with every plugin loaded', async () => {
    expect(bundle.startsWith(REPO_ROOT)).toBe(false);
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      version: JSON.parse(readFileSync(join(REPO_ROOT, 'core/package.json'), 'utf8')).version,
      checks: { plugins: { loaded: expect.arrayContaining(['github', 'notion', 'jira']), failed: [] } },
    });
  });

  it('runs a tool call with the credential the CLI stored', async () => {
    const client = new Client({ name: 'bundle-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${apiToken}` } },
      }),
    );
    try {
      const result = await client.callTool({
        name: 'call',
        arguments: { module: 'github', tool: 'get_repo', params: { owner: 'octo-org', repo: 'hello-world' } },
      });
      expect(result.isError).not.toBe(true);
      expect(JSON.stringify(result.content)).toContain('octo-org/hello-world');
      expect(github.requests.some((request) => request.path === '/repos/octo-org/hello-world')).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("answers the image's HEALTHCHECK command: 0 while serving, 1 with nothing listening", async () => {
    const [command, ...rest] = healthcheckCommand();
    const port = new URL(url).port;
    const check = (target: string) =>
      new Promise<number | null>((resolve) => {
        const argv = rest.map((arg) => arg.replace('127.0.0.1:8088', target));
        const child = spawn(command === 'node' ? process.execPath : String(command), argv, { cwd: bundle, env: env() });
        child.on('close', resolve);
      });
    expect(await check(`127.0.0.1:${port}`)).toBe(0);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const unused = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await check(`127.0.0.1:${unused}`)).toBe(1);
  });

  it.runIf(existsSync(ADMIN_INDEX))('serves the admin UI at / when admin/out was built', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const title = /<title>([^<]*)<\/title>/.exec(readFileSync(ADMIN_INDEX, 'utf8'))?.[1];
    expect(await response.text()).toContain(title ?? '<html');
  });
});
