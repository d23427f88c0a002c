import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './test-hub.js';

/** The built CLI, run like a user would (tests only). */
export const CLI = join(REPO_ROOT, 'core/dist/cli/main.js');
const CLEAN_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `mcpist --data-dir DIR ...args`, feeding `input` on stdin; `as` runs it as another OS user (root only). */
export function runCli(dataDir: string, args: readonly string[], options: { input?: string; as?: string } = {}) {
  const argv = [CLI, '--data-dir', dataDir, ...args];
  const child = options.as
    ? spawn('runuser', ['-u', options.as, '--', process.execPath, ...argv], { cwd: '/', env: CLEAN_ENV })
    : spawn(process.execPath, argv, { cwd: REPO_ROOT, env: CLEAN_ENV });
  child.stdin.end(options.input ?? '');
  return new Promise<CliRun>((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export interface RunningServe {
  url: string;
  process: ChildProcess;
  /** Every log line so far, parsed. */
  lines: Record<string, unknown>[];
  stop(): Promise<number | null>;
}

/** Starts `mcpist serve --port 0` on a data folder and resolves once its "mcpist listening" line is out. */
export function startServe(dataDir: string, extraArgs: readonly string[] = []): Promise<RunningServe> {
  const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'serve', '--port', '0', ...extraArgs], {
    cwd: REPO_ROOT,
    env: CLEAN_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (entry.message === 'mcpist listening') {
        resolve({
          url: String(entry.url),
          process: child,
          lines,
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}
