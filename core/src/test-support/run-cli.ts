import { Readable } from 'node:stream';
import { runCli } from '../cli/main.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs an `mcpist` command line in this process, as the binary would (same
 * parser, same error handling and exit codes), with an empty environment and
 * `input` on standard input. The spawn smoke test (cli/stdio.test.ts) covers
 * the binary itself.
 */
export async function runMcpist(
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    env: options.env ?? {},
  });
  return { status, stdout, stderr };
}
