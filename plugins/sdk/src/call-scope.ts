import { AsyncLocalStorage } from 'node:async_hooks';
import type { ToolContext } from './context.js';

/*
 * One store per process, whichever copy of the SDK a plugin resolved: the
 * core runs handlers with its copy, a published plugin may bring its own.
 */
const KEY = Symbol.for('@mcpist/plugin-sdk/tool-call-scope');
const registry = globalThis as { [KEY]?: AsyncLocalStorage<ToolContext> };
const scope: AsyncLocalStorage<ToolContext> = registry[KEY] ?? new AsyncLocalStorage<ToolContext>();
registry[KEY] = scope;

/**
 * The context of the tool call this code runs for, anywhere below its
 * handler (across awaits, inside an upstream SDK's callbacks); undefined
 * outside a call. It lets a plugin keep one SDK client per credential and
 * still send each request through the call's own `fetch` and `logger`:
 *
 * ```ts
 * fetch: (url, init) => currentToolContext()!.fetch(url, init)
 * ```
 */
export function currentToolContext(): ToolContext | undefined {
  return scope.getStore();
}

/** Runs `fn` as the call `ctx` ({@link currentToolContext} answers `ctx` inside it). */
export function runInToolCall<T>(ctx: ToolContext, fn: () => T): T {
  return scope.run(ctx, fn);
}
