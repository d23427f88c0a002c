import Bottleneck from 'bottleneck';
import type { Principal } from '../auth/principal.js';
import { isMcpistError, type McpistError } from '../errors/mcpist-error.js';
import type { CatalogTool } from '../plugins/module-catalog.js';
import { type OutputFormat, renderOutput } from '../runner/output-shaper.js';
import type { CallReporter, ToolRunner } from '../runner/tool-runner.js';
import { type ValidatedCall, validateParams } from '../runner/validate-params.js';
import type { ToolSieve } from '../sieve/tool-sieve.js';
import type { BatchCommand } from './batch-command.js';
import { parseBatch } from './parse-batch.js';
import { planBatch } from './plan-batch.js';
import { substitute } from './references.js';

type CommandResult =
  | { id: string; status: 'ok'; value: Record<string, unknown> }
  | { id: string; status: 'failed'; error: McpistError }
  | { id: string; status: 'skipped'; reason: string };

export interface BatchOptions {
  requestId: string;
  signal?: AbortSignal;
  format?: OutputFormat;
  /** Hears one progress step per finished command (ok, failed or skipped), and the commands' log lines. */
  report?: CallReporter | undefined;
}

export interface BatchResult {
  value: Record<string, unknown>;
  text: string;
}

/**
 * Runs a JSONL batch as a DAG. Everything that can be checked is checked
 * before the first command runs — syntax, ids, dependencies, cycles, the
 * count limit, permission for every line, and the params of every line that
 * does not reference another's result — so a bad batch makes no upstream
 * request at all.
 */
export class BatchRunner {
  constructor(
    private readonly runner: ToolRunner,
    private readonly sieve: ToolSieve,
    private readonly settings: { maxCommands: number; concurrency: number },
  ) {}

  async run(principal: Principal, jsonl: string, options: BatchOptions): Promise<BatchResult> {
    const plan = planBatch(parseBatch(jsonl), this.settings.maxCommands);
    const view = await this.sieve.viewFor(principal);
    const tools = new Map<string, CatalogTool>();
    const prevalidated = new Map<string, ValidatedCall>();
    for (const command of plan.commands) {
      tools.set(command.id, this.runner.resolve(principal, view, command.module, command.tool));
    }
    for (const command of plan.commands) {
      if (plan.hasReferences.has(command.id)) continue;
      prevalidated.set(command.id, validateParams(tools.get(command.id) as CatalogTool, command.params));
    }

    const limiter = new Bottleneck({ maxConcurrent: this.settings.concurrency });
    const values = new Map<string, unknown>();
    const running = new Map<string, Promise<CommandResult>>();
    const byId = new Map(plan.commands.map((command) => [command.id, command]));

    const execute = async (command: BatchCommand): Promise<CommandResult> => {
      let call = prevalidated.get(command.id);
      try {
        call ??= validateParams(tools.get(command.id) as CatalogTool, substitute(command.params, values));
      } catch (error) {
        if (isMcpistError(error)) return { id: command.id, status: 'failed', error };
        throw error;
      }
      const outcome = await this.runner.execute(call, {
        principal,
        requestId: options.requestId,
        signal: options.signal,
        // A command's own progress would not add up across commands: the batch reports per finished command.
        ...(options.report ? { report: { progress: () => {}, log: options.report.log } } : {}),
      });
      if (!outcome.ok) return { id: command.id, status: 'failed', error: outcome.error };
      values.set(command.id, outcome.value);
      return { id: command.id, status: 'ok', value: outcome.value };
    };

    let finished = 0;
    const start = (id: string): Promise<CommandResult> => {
      let promise = running.get(id);
      if (!promise) {
        promise = (async (): Promise<CommandResult> => {
          const deps = await Promise.all([...(plan.dependencies.get(id) ?? [])].map(start));
          const blocked = deps.find((dep) => dep.status !== 'ok');
          if (blocked)
            return { id, status: 'skipped', reason: `dependency "${blocked.id}" ${blocked.status}` } as const;
          return limiter.schedule(() => execute(byId.get(id) as BatchCommand));
        })().then((result) => {
          options.report?.progress(++finished, plan.commands.length);
          return result;
        });
        running.set(id, promise);
      }
      return promise;
    };

    const results = await Promise.all(plan.commands.map((command) => start(command.id)));
    await limiter.disconnect();
    return this.render(plan.commands, results, options.format ?? 'toon');
  }

  private render(commands: BatchCommand[], results: CommandResult[], format: OutputFormat): BatchResult {
    const status = results.map((result) => ({
      id: result.id,
      status: result.status,
      code: result.status === 'failed' ? result.error.code : null,
      message: result.status === 'failed' ? result.error.message : result.status === 'skipped' ? result.reason : null,
    }));
    const outputs: Record<string, unknown> = {};
    results.forEach((result, index) => {
      if (commands[index]?.output && result.status === 'ok') outputs[result.id] = result.value;
    });
    const value = { status, results: outputs };
    return { value, text: renderOutput(value, format) };
  }
}
