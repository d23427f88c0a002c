import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  type ClientCapabilities,
  type JSONRPCRequest,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  type Result,
  type ServerCapabilities,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { CallReporter } from '../../runner/tool-runner.js';
import type { TaskService } from '../../tasks/task-service.js';
import type { ProtocolEra } from '../create-mcp-server.js';
import type { DispatchContext, ToolDispatcher } from '../tool-dispatcher.js';
import type { TaskAwareServer } from './task-aware-server.js';
import {
  endingOf,
  legacyPayload,
  legacyTask,
  modernTask,
  TASK_CAPABILITIES,
  TASKS_EXTENSION,
  unknownTask,
} from './task-wire.js';

/** Tools that never run as tasks: answering them takes no upstream request. */
const NEVER_TASKS = new Set(['get_module_schema']);

const taskIdParams = z.looseObject({ taskId: z.string().min(1).max(200) });
const listParams = z.looseObject({ cursor: z.string().max(1000).optional() });

interface CallParams {
  name: string;
  arguments?: Record<string, unknown>;
  task?: unknown;
}

function callParamsOf(request: JSONRPCRequest): CallParams | undefined {
  const params = request.params as Partial<CallParams> | undefined;
  if (typeof params?.name !== 'string') return undefined;
  const args = params.arguments;
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) return undefined;
  return params as CallParams;
}

/** Whether a 2026-07-28 request declares the tasks extension in its `_meta`. */
function declaresTasks(ctx: ServerContext): boolean {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const capabilities = envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined;
  const extensions = (capabilities as { extensions?: Record<string, unknown> } | undefined)?.extensions;
  return extensions !== undefined && typeof extensions[TASKS_EXTENSION] === 'object';
}

function requireTasksExtension(ctx: ServerContext): void {
  if (!declaresTasks(ctx)) {
    throw new MissingRequiredClientCapabilityError(
      { requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } as ClientCapabilities },
      `declare the ${TASKS_EXTENSION} extension in the request's client capabilities to use tasks`,
    );
  }
}

/** Batch progress becomes the task's status message; log lines have no one to go to. */
function noting(note: (message: string) => void): CallReporter {
  return {
    progress: (done, total) => note(total === undefined ? `${done} done` : `${done} of ${total} done`),
    log: () => {},
  };
}

/**
 * Lets `call`, `batch` and direct-mode tool calls run as MCP tasks (docs/adr/0048):
 * a 2025-11-25 client asks with `params.task` (tasks/get, result, list,
 * cancel); a 2026-07-28 client declaring the tasks extension gets a task
 * handle for every such call (tasks/get, update, cancel). The call runs
 * detached from its request; a connect link goes in its result, since
 * nobody is there to answer an elicitation.
 */
export function installTasks(
  server: TaskAwareServer,
  tasks: TaskService,
  { era, context, dispatcher }: { era: ProtocolEra; context: DispatchContext; dispatcher: ToolDispatcher },
): void {
  const { settings } = tasks;
  const userId = context.principal.userId;
  server.registerCapabilities(TASK_CAPABILITIES[era] as ServerCapabilities);

  const run = (params: CallParams) =>
    tasks.start(userId, params.name, async (signal, note) => {
      const detached: DispatchContext = { ...context, hints: { urlElicitation: false }, report: noting(note) };
      delete detached.cancel;
      try {
        const result = await dispatcher.callTool(detached, params.name, params.arguments, signal);
        return endingOf({ result: server.projectCallToolResult(result, undefined) as CallToolResult });
      } catch (error) {
        return endingOf({ error });
      }
    });

  server.taskHooks = {
    async createTask(request, ctx) {
      const params = callParamsOf(request);
      if (!params) return undefined;
      if (era === 'legacy') {
        if (typeof params.task !== 'object' || params.task === null) return undefined;
        if (NEVER_TASKS.has(params.name) && context.mode === 'meta') {
          throw new ProtocolError(-32601, `${params.name} does not run as a task; call it without "task"`);
        }
        return { task: legacyTask(await run(params), settings) };
      }
      if (!declaresTasks(ctx) || (NEVER_TASKS.has(params.name) && context.mode === 'meta')) return undefined;
      return { resultType: 'task', ...modernTask(await run(params), settings) } as Result;
    },
    listed(result) {
      if (era !== 'legacy') return result;
      const tools = (result as { tools?: Array<{ name: string }> }).tools ?? [];
      return {
        ...result,
        tools: tools.map((tool) =>
          NEVER_TASKS.has(tool.name) && context.mode === 'meta'
            ? tool
            : { ...tool, execution: { taskSupport: 'optional' } },
        ),
      };
    },
  };

  const owned = async (taskId: string) => {
    const task = await tasks.get(userId, taskId);
    if (!task) throw unknownTask(taskId);
    return task;
  };

  if (era === 'legacy') {
    server.setRequestHandler('tasks/get', { params: taskIdParams }, async ({ taskId }) =>
      legacyTask(await owned(taskId), settings),
    );
    server.setRequestHandler('tasks/result', { params: taskIdParams }, async ({ taskId }, ctx) => {
      const task = await tasks.waitForEnd(userId, taskId, ctx.mcpReq.signal);
      if (!task) throw unknownTask(taskId);
      return legacyPayload(task) as Result;
    });
    server.setRequestHandler('tasks/list', { params: listParams }, async ({ cursor }) => {
      const page = await tasks.list(userId, cursor);
      if (!page) throw new ProtocolError(-32602, 'invalid cursor: pass a nextCursor from tasks/list');
      return {
        tasks: page.tasks.map((task) => legacyTask(task, settings)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    });
    server.setRequestHandler('tasks/cancel', { params: taskIdParams }, async ({ taskId }) => {
      const cancelled = await tasks.cancel(userId, taskId);
      if (cancelled === 'unknown') throw unknownTask(taskId);
      if (cancelled === 'ended') {
        throw new ProtocolError(-32602, `task "${taskId}" has already ended: it cannot be cancelled`);
      }
      return legacyTask(cancelled, settings);
    });
    return;
  }

  server.setRequestHandler('tasks/get', { params: taskIdParams }, async ({ taskId }, ctx) => {
    requireTasksExtension(ctx);
    return modernTask(await owned(taskId), settings) as Result;
  });
  // MCPist never asks for input during a task, so there is nothing to update: known tasks are acknowledged.
  // (The SDK lifts `inputResponses` out of the params, as for any 2026-07-28 request.)
  server.setRequestHandler('tasks/update', { params: taskIdParams }, async ({ taskId }, ctx) => {
    requireTasksExtension(ctx);
    await owned(taskId);
    return {};
  });
  server.setRequestHandler('tasks/cancel', { params: taskIdParams }, async ({ taskId }, ctx) => {
    requireTasksExtension(ctx);
    const cancelled = await tasks.cancel(userId, taskId);
    if (cancelled === 'unknown') throw unknownTask(taskId);
    return {};
  });
}
