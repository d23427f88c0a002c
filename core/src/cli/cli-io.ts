import { AsyncLocalStorage } from 'node:async_hooks';

/** Where a CLI command reads and writes: the process's streams, or a test's. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  stdin: NodeJS.ReadableStream;
  /** The environment configuration is read from (`MCPIST_*`). */
  env: NodeJS.ProcessEnv;
}

const current = new AsyncLocalStorage<CliIo>();

/**
 * The streams of the command running now. `runCli` sets them for the run, so
 * tests drive the CLI in process; the binary gets the process's own.
 */
export function cliIo(): CliIo {
  return (
    current.getStore() ?? { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }
  );
}

/** Runs `fn` with `io` as the CLI's streams. */
export function withCliIo<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  return current.run(io, fn);
}
