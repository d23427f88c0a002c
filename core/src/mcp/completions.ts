import type { Completer } from '@mcpist/plugin-sdk';
import type { McpistConfig } from '../config/config-schema.js';
import type { CatalogModule } from '../plugins/module-catalog.js';
import { runnable } from '../plugins/resource-catalog.js';
import type { ToolRunner } from '../runner/tool-runner.js';
import type { DispatchContext } from './tool-dispatcher.js';

/** The most values one completion answers with (MCP's limit). */
const MAX_COMPLETIONS = 100;

export type Completion = {
  values: string[];
  total: number;
  hasMore: boolean;
};

const NOTHING: Completion = Object.freeze({ values: [], total: 0, hasMore: false }) as Completion;

/**
 * Runs a plugin's completer for a prompt or template argument through the
 * runner, so a completer that asks the service (repository names, project
 * keys) does it with the caller's credential, rate limited and timed out like
 * a tool call. Completion is a convenience: any failure (service not
 * connected, upstream down) answers with no suggestions rather than an error.
 */
export class Completions {
  constructor(
    private readonly runner: ToolRunner,
    private readonly config: Pick<McpistConfig, 'pluginSettings' | 'runner'>,
  ) {}

  async complete(
    context: DispatchContext,
    module: CatalogModule,
    owner: string,
    completer: Completer | undefined,
    argument: { name: string; value: string },
    others: Record<string, string> | undefined,
  ): Promise<Completion> {
    if (!completer) return NOTHING;
    const timeoutMs = this.config.pluginSettings[module.name]?.timeoutMs ?? this.config.runner.timeoutMs;
    const tool = runnable(module, `complete:${owner}.${argument.name}`, timeoutMs, async (input, ctx) => {
      const { value, given } = input as { value: string; given: Record<string, string> };
      return { values: await completer(value, given, ctx) };
    });
    const outcome = await this.runner.execute(
      { tool, input: { value: argument.value, given: others ?? {} }, format: 'json' },
      { principal: context.principal, requestId: context.requestId },
    );
    if (!outcome.ok) return NOTHING;
    const found = outcome.value.values;
    const all = Array.isArray(found) ? found.filter((value): value is string => typeof value === 'string') : [];
    const values = all.slice(0, MAX_COMPLETIONS);
    return { values, total: all.length, hasMore: all.length > values.length };
  }
}
