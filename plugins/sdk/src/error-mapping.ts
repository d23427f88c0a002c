import { runInToolCall } from './call-scope.js';
import type { ToolContext } from './context.js';
import type { ToolDefinition } from './define-tool.js';
import { isPluginError } from './errors.js';
import { abortFailure, networkErrorCode, unreachableError } from './network-failures.js';

/** What an error mapper learns about the failed call besides the error. */
export interface ErrorMappingContext {
  /** The tool whose handler failed, e.g. `search_issues`: lets a mapper blame the right input field. */
  readonly tool: string;
}

/**
 * A plugin's translation of what its upstream SDK throws (an Octokit
 * `HttpError`, a Notion `APIResponseError`, …) into the SDK's typed errors.
 * Return a typed error, or the error unchanged when it is not an upstream
 * failure (a bug): the core reports those as internal errors.
 *
 * It is only called for errors that are not already typed and are not the
 * caller's abort; those pass through before it runs, so a mapper never needs
 * to check for them.
 */
export type ErrorMapper = (error: unknown, context: ErrorMappingContext) => unknown;

/** Where a failure happened, for {@link mapToolError}. */
export interface ToolFailureScope {
  /** The plugin's `mapError`, if it declares one. */
  readonly mapError: ErrorMapper | undefined;
  /** Names the service in network failure messages, e.g. "GitHub could not be reached". */
  readonly service: string;
  readonly tool: string;
  /** The call's signal: once it fired, any failure is reported as the abort itself. */
  readonly signal?: AbortSignal;
}

/**
 * The single mapping point every handler failure goes through, in the hub's
 * runner and in the test kit alike:
 *
 * 1. typed errors pass through unchanged;
 * 2. the caller's abort (or an SDK's wrapper around it) comes back as the
 *    abort itself, so a deadline is never reported as an upstream failure;
 * 3. the plugin's `mapError` translates what is left;
 * 4. an untranslated network failure (undici's "fetch failed" with a socket
 *    code) becomes a transient error, marked not delivered where provable;
 * 5. anything else is returned unchanged, for the core to report as internal.
 */
export function mapToolError(error: unknown, scope: ToolFailureScope): unknown {
  if (isPluginError(error)) return error;
  const aborted = abortFailure(error, scope.signal);
  if (aborted !== undefined) return aborted;
  const mapped = scope.mapError ? scope.mapError(error, { tool: scope.tool }) : error;
  if (isPluginError(mapped)) return mapped;
  if (mapped instanceof TypeError && networkErrorCode(mapped) !== undefined) {
    return unreachableError(scope.service, mapped);
  }
  return mapped;
}

/** The parts of a plugin definition {@link invokeTool} reads. */
export interface ErrorMappingPlugin {
  readonly displayName: string;
  readonly mapError?: ErrorMapper;
}

/**
 * Runs a tool's handler as the call `ctx` (see `currentToolContext`) and,
 * if it fails, rethrows the failure through {@link mapToolError} with the
 * plugin's `mapError`. The core calls handlers only through this, and so does
 * `runTool`, so a unit test sees the error the hub sees.
 */
export async function invokeTool(
  plugin: ErrorMappingPlugin,
  tool: Pick<ToolDefinition, 'name' | 'handler'>,
  input: unknown,
  ctx: ToolContext,
): Promise<unknown> {
  try {
    return await runInToolCall(ctx, () => tool.handler(input, ctx));
  } catch (error) {
    throw mapToolError(error, {
      mapError: plugin.mapError,
      service: plugin.displayName,
      tool: tool.name,
      signal: ctx.signal,
    });
  }
}
