import type { z } from 'zod';
import type { DepRefs, Deps } from '../../container/declared-deps.js';
import type { AuditLogsRepository } from '../../store/repositories/audit-logs-repository.js';
import { cliIo } from '../cli-io.js';

/** Where a command's results (stdout) and messages (stderr) go: the terminal, or the admin channel's client. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** What a command learns about where it runs, besides its services. */
export interface CommandContext extends CommandOutput {
  /** Set when a running `serve` runs the command for a client of its admin channel. */
  server?: { pid: number; url: string };
}

/**
 * One CLI command that works on the store, as data: its arguments' schema,
 * the services it needs and one function. The CLI runs it against a hub it
 * composes, or — while `serve` holds the embedded store — sends its name and
 * arguments through the admin channel, and the server runs the same function
 * with its own services. Both check the arguments with the same schema.
 */
export interface AdminCommand<A = unknown, D extends DepRefs = DepRefs> {
  /** The words after `mcpist`: `token create`. */
  name: string;
  args: z.ZodType<A, unknown>;
  deps: D;
  /** Load plugins when run locally (commands that check modules or services). */
  plugins?: boolean;
  /** Log threshold when run locally; default `warn`. */
  logLevel?: 'error' | 'warn';
  run(services: Deps<D>, args: A, context: CommandContext): Promise<void>;
}

/** Keeps a command's `run` typed by its own schema and deps. */
export function defineAdminCommand<A, D extends DepRefs>(command: AdminCommand<A, D>): AdminCommand {
  return command as unknown as AdminCommand;
}

/** Output to this command line's stdout and stderr (the process's, or a test's through `runCli`). */
export const processOutput: CommandOutput = {
  out: (text) => cliIo().stdout.write(text),
  err: (text) => cliIo().stderr.write(text),
};

/**
 * An admin action taken on the command line, in the audit log like the API's
 * (same event names); the actor is the machine's operator, not a user.
 */
export async function recordCliAction(
  audit: Pick<AuditLogsRepository, 'record'>,
  context: CommandContext,
  event: string,
  details: Record<string, unknown>,
): Promise<void> {
  await audit.record({ event, details: { ...details, via: context.server ? 'admin-channel' : 'cli' } });
}
