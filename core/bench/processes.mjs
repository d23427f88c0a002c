/**
 * The benchmark's processes: `mcpist serve` and the bare SDK server, each in
 * its own process as in production; their RSS and CPU time read from /proc.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-server.mjs', import.meta.url));
const TICKS_PER_SECOND = 100; // Linux USER_HZ

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process, MB (VmRSS). */
export function rssMB(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 102.4) / 10 : Number.NaN;
}

/** User + system CPU time a process used so far, ms. */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function waitHealthy(url, child, deadlineMs = 120_000) {
  const until = performance.now() + deadlineMs;
  while (performance.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before it was healthy`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200 && (await response.json()).status === 'ok') return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${url} not healthy in time`);
}

function stopper(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/**
 * `mcpist serve` on `env` (MCPIST_DATA_DIR or DATABASE_URL, plugin base URLs…); resolves once /health is ok.
 * On a loaded machine a first connection can time out: up to three attempts.
 */
export async function startMcpist(env, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startMcpistOnce(env);
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.error(`bench: mcpist serve did not start (${error.message}); trying again`);
    }
  }
}

async function startMcpistOnce(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', String(port)], {
    cwd: REPO_ROOT,
    env: { ...process.env, MCPIST_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(`${url}/health`, child);
  return { url, pid: child.pid, stop: stopper(child) };
}

/** Runs the CLI with `env` (it reaches the running server through the admin channel, or opens PostgreSQL). */
export function mcpistCli(args, env, input) {
  const run = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`mcpist ${args[0]} failed: ${run.stderr}`);
  return run.stdout.trim();
}

export async function startBare(upstream, token) {
  const child = spawn(process.execPath, [BARE, upstream, token], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { url, pid: child.pid, stop: stopper(child) };
}
