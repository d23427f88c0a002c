import { type JSONRPCRequest, type Result, Server, type ServerContext } from '@modelcontextprotocol/server';

type Handler = (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>;

/** What a `TaskAwareServer` asks before running `tools/call` and after answering `tools/list`. */
export interface TaskHooks {
  /** A task handle when the call is to run as a task; undefined to run it as usual. */
  createTask(request: JSONRPCRequest, ctx: ServerContext): Promise<Result | undefined>;
  /** Adjusts a `tools/list` result (2025-11-25: which tools may run as tasks). */
  listed?(result: Result): Result;
}

/**
 * The SDK's `Server`, which has no runtime for tasks, with the one seam they
 * need: a `tools/call` that becomes a task answers with its handle, which the
 * SDK's CallToolResult check would refuse. `_wrapHandler` is the SDK's
 * documented hook for subclasses that wrap handlers; every other call goes
 * through the SDK's own wrapping unchanged.
 */
export class TaskAwareServer extends Server {
  taskHooks: TaskHooks | undefined;

  protected override _wrapHandler(method: string, handler: Handler): Handler {
    const wrapped = super._wrapHandler(method, handler);
    if (method === 'tools/call') {
      return async (request, ctx) => (await this.taskHooks?.createTask(request, ctx)) ?? wrapped(request, ctx);
    }
    if (method === 'tools/list') {
      return async (request, ctx) => {
        const result = await wrapped(request, ctx);
        return this.taskHooks?.listed ? this.taskHooks.listed(result) : result;
      };
    }
    return wrapped;
  }
}
