import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, startServe } from '../test-support/running-serve.js';
import { REPO_ROOT } from '../test-support/test-hub.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/**
 * Runs `mcpist serve` on a pseudo-terminal (util-linux `script`), as `npm start` in a terminal would, and
 * resolves with its output so far once `until` matches it.
 */
function serveOnTerminal(dataDir: string, extra: string, until: RegExp) {
  const command = `${process.execPath} ${CLI} --data-dir ${dataDir} serve --port 0 ${extra}`;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'dumb' },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk.toString().replaceAll('\r', '');
      if (until.test(output)) resolve(output);
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before ${until}: ${output}`)));
  });
  /** Stops the server as Ctrl-C would, and resolves with everything it wrote. */
  const stop = async () => {
    process.kill(Number(readFileSync(join(dataDir, 'pgdata.lock'), 'utf8')), 'SIGINT');
    expect(await exited).toBe(0);
    return output;
  };
  return { ready, stop };
}

describe.skipIf(!hasScript)('start-up output on a terminal', () => {
  it('prints a banner with the URLs and the first-token command, readable log lines, and a line at shutdown', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mcpist-tty-'));
    const serve = serveOnTerminal(dataDir, '', /Stop +Ctrl-C/);
    const output = await serve.ready;
    const url = /MCP endpoint +(http:\/\/127\.0\.0\.1:\d+)\/mcp\n/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain(`Health        ${url}/health\n`);
    expect(output).toMatch(/Users +none yet\..*\n +npx mcpist token create --user you@example\.com\n/);
    expect(output).toMatch(/^\d\d:\d\d:\d\d info {2}mcpist listening url=http/m);
    expect(output).not.toMatch(/^\{/m);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    // The command the banner names works while the server runs.
    expect(await runCli(dataDir, ['token', 'create', '--user', 'you@example.com'])).toMatchObject({
      status: 0,
      stdout: /^mcpist_/,
    });
    expect(await serve.stop()).toMatch(/^\d\d:\d\d:\d\d info {2}mcpist stopping signal=SIGINT$/m);
  }, 60_000);

  it('writes JSON lines and no banner with --log-format json, even on a terminal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mcpist-tty-json-'));
    const serve = serveOnTerminal(dataDir, '--log-format json', /"message":"mcpist listening"/);
    await serve.ready;
    const lines = (await serve.stop()).split('\n').filter(Boolean);
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(
      expect.arrayContaining(['mcpist listening', 'mcpist stopping']),
    );
  }, 60_000);
});

describe('start-up output to a pipe', () => {
  it('is JSON lines only, without a banner, and ends with the stopping line', async () => {
    const serve = await startServe(mkdtempSync(join(tmpdir(), 'mcpist-pipe-')));
    expect(await serve.stop()).toBe(0);
    // startServe parses every stdout line as JSON: a banner line would have failed it.
    expect(serve.lines.at(-1)).toMatchObject({ level: 'info', message: 'mcpist stopping', signal: 'SIGTERM' });
    // No banner, so no setup link: a new install says how to make the first admin instead, with no secret in it.
    const noUsers = serve.lines.find((line) => line.event === 'no_users');
    expect(noUsers).toMatchObject({ level: 'warn' });
    expect(noUsers?.message).toContain('npx mcpist token create --user');
    expect(JSON.stringify(noUsers)).not.toMatch(/setup=|link=/);
  }, 60_000);
});
