import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './test-hub.js';

/** The Edge Functions running under Deno, as Supabase's gateway routes them. */
export interface RunningEdgeFunctions {
  /** What TOKEN_BROKER_URL names: the functions answer at `<url>/functions/v1/<name>`. */
  url: string;
  /** Everything the functions printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The Deno binary of the `deno` npm package: its postinstall copy, else the
 * platform package it comes from (when install scripts did not run).
 */
export function denoBinary(): string {
  const require = createRequire(join(REPO_ROOT, 'package.json'));
  const installed = join(dirname(require.resolve('deno/package.json')), 'deno');
  if (existsSync(installed)) return installed;
  const target = `${process.platform}-${process.arch === 'arm64' ? 'arm64' : 'x64'}${process.platform === 'linux' ? '-glibc' : ''}`;
  return join(dirname(require.resolve(`@deno/${target}/package.json`)), 'deno');
}

/**
 * Starts `supabase/local/serve-functions.ts` under Deno on 127.0.0.1 (a free
 * port) with `env` as the functions' secrets. Deno fetches nothing: remote
 * imports are off, npm packages come from the repository's node_modules, and
 * network access is limited to loopback.
 */
export async function startEdgeFunctions(env: Record<string, string>): Promise<RunningEdgeFunctions> {
  const denoDir = mkdtempSync(join(tmpdir(), 'mcpist-deno-'));
  const child: ChildProcess = spawn(
    denoBinary(),
    [
      'run',
      '--no-remote',
      '--node-modules-dir=manual',
      '--sloppy-imports',
      '--no-prompt',
      '--allow-net=127.0.0.1',
      '--allow-env',
      '--allow-read',
      '--allow-sys',
      'supabase/local/serve-functions.ts',
      '0',
    ],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`deno exited (${code}) before listening:\n${output}`)));
    child.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(denoDir, { recursive: true, force: true });
    },
  };
}
