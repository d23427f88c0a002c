import type { Credential } from '../auth.js';
import type { ToolContext, ToolLogger } from '../context.js';
import type { PluginDefinition } from '../define-plugin.js';
import { invokeTool } from '../error-mapping.js';
import { InvalidInputError } from '../errors.js';
import { checkToolOutput } from './check-output.js';

/** Options for `runTool`. */
export interface RunToolOptions {
  /** Upstream base URL, usually a fake's `url`. Defaults to the plugin's own. */
  baseUrl?: string;
  /** A token string (type A) or a full credential. */
  credential?: string | Credential;
  signal?: AbortSignal;
  maxRecords?: number;
  /** Replaces global fetch, e.g. to count or delay requests. */
  fetch?: typeof globalThis.fetch;
  logger?: ToolLogger;
  /** Receives the handler's `ctx.progress` reports, e.g. to assert them. */
  onProgress?: (done: number, total?: number) => void;
}

const silentLogger: ToolLogger = { debug() {}, info() {}, warn() {}, error() {} };

function toCredential(credential: RunToolOptions['credential']): Credential | undefined {
  if (credential === undefined) return undefined;
  if (typeof credential === 'string') return { kind: 'token', token: credential, fields: {} };
  return credential;
}

/**
 * Runs one tool's handler the way the core would, minus retry and rate
 * limits: the input is validated against the tool's schema first (failing
 * with `InvalidInputError`), then the handler gets a context pointed at
 * `baseUrl`. A failure is rethrown through the plugin's `mapError`, exactly
 * as the hub maps it; a result that does not match the tool's declared output
 * fails with `OutputMismatchError`. Returns what the handler returned.
 */
export async function runTool(
  plugin: PluginDefinition,
  toolName: string,
  input: unknown,
  options: RunToolOptions = {},
): Promise<unknown> {
  const tool = plugin.tools.find((candidate) => candidate.name === toolName);
  if (!tool) throw new Error(`plugin "${plugin.name}" has no tool "${toolName}"`);
  const parsed = tool.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(`invalid input: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, {
      field: issue?.path.join('.'),
    });
  }
  const result = await invokeTool(plugin, tool, parsed.data, testContext(plugin, options));
  checkToolOutput(tool, result);
  return result;
}

/** The context `runTool` and `readResource` hand a handler: the core's, minus limits, retries and tracing. */
export function testContext(plugin: PluginDefinition, options: RunToolOptions): ToolContext {
  return {
    credential: toCredential(options.credential),
    baseUrl: options.baseUrl ?? plugin.baseUrl,
    signal: options.signal ?? new AbortController().signal,
    fetch: options.fetch ?? globalThis.fetch,
    logger: options.logger ?? silentLogger,
    progress: (done, total) => options.onProgress?.(done, total),
    limits: { maxRecords: options.maxRecords ?? 500 },
  };
}
