#!/usr/bin/env node
/**
 * Start to healthy (issue 11): wall time from `npm start` to `/health`
 * answering 200 with status ok, on a new data folder (first start) and on an
 * existing one (restart). Median of `--runs` each. Needs an up-to-date build
 * (`npm run build`): `npm start` only checks it.
 *
 *   node core/bench/start-up.mjs [--runs 5]
 *
 * Exported for run.mjs; run alone, prints the figures as JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function healthy(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.status === 200 && (await response.json()).status === 'ok';
  } catch {
    return false;
  }
}

/** One `npm start` on `dataDir`: ms until /health is ok; then SIGINT and wait for the exit. */
async function startOnce(dataDir) {
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so the SIGINT reaches npm, the shell and node alike.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MCPIST_DATA_DIR: dataDir, MCPIST_PORT: String(port), MCPIST_LOG_FORMAT: 'json' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let gone = false;
  exited.then(() => {
    gone = true;
  });
  const url = `http://127.0.0.1:${port}/health`;
  try {
    const deadline = started + 60_000;
    while (!(await healthy(url))) {
      if (gone) throw new Error(`npm start exited before it was healthy: ${stderr.slice(-500)}`);
      if (performance.now() > deadline) throw new Error('not healthy within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return performance.now() - started;
  } finally {
    if (!gone) process.kill(-child.pid, 'SIGINT');
    await exited;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const load = () => os.loadavg().map((value) => Math.round(value * 100) / 100);

/** First start (a new folder each run) and restart (the same folder), `runs` each. */
export async function measureStartUp(runs = 5) {
  const scratch = mkdtempSync(join(os.tmpdir(), 'mcpist-start-'));
  try {
    const loadAtStart = load();
    const first = [];
    for (let i = 0; i < runs; i++) first.push(await startOnce(join(scratch, `first-${i}`)));
    const restart = [];
    for (let i = 0; i < runs; i++) restart.push(await startOnce(join(scratch, 'first-0')));
    const round = (ms) => Math.round(ms);
    return {
      runs,
      firstStartMs: { median: round(median(first)), all: first.map(round) },
      restartMs: { median: round(median(restart)), all: restart.map(round) },
      loadavg: { atStart: loadAtStart, atEnd: load() },
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
    console.error('usage: node core/bench/start-up.mjs [--runs 1..20]');
    process.exit(2);
  }
  console.log(JSON.stringify(await measureStartUp(runs), null, 2));
}
