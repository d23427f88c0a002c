import { ProtocolError, RELATED_TASK_META_KEY } from '@modelcontextprotocol/server';
import type { TaskEnding, TaskRecord } from '../../store/repositories/tasks-repository.js';
import type { TaskSettings } from '../../tasks/task-service.js';

/** The tasks extension of MCP 2026-07-28. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** The server capability announcing tasks, per era. */
export const TASK_CAPABILITIES = {
  legacy: { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
  modern: { extensions: { [TASKS_EXTENSION]: {} } },
} as const;

/**
 * Task fields shared by both eras. A task's time to live counts from its
 * creation: while it runs, the configured TTL; once it ended, up to the TTL
 * past its end (so a result stays readable that long).
 */
function taskFields(task: TaskRecord) {
  const createdMs = Date.parse(task.createdAt);
  return {
    taskId: task.id,
    status: task.status,
    ...(task.statusMessage ? { statusMessage: task.statusMessage } : {}),
    createdAt: task.createdAt,
    lastUpdatedAt: task.updatedAt,
    ttl: Math.max(0, Date.parse(task.expiresAt) - createdMs),
  };
}

/** A 2025-11-25 `Task` (tasks/get, tasks/list, tasks/cancel, the CreateTaskResult's `task`). */
export function legacyTask(task: TaskRecord, settings: TaskSettings) {
  const { ttl, ...fields } = taskFields(task);
  return { ...fields, ttl, pollInterval: settings.pollIntervalMs };
}

/** A 2026-07-28 `DetailedTask`: the status-specific result or error inlined. */
export function modernTask(task: TaskRecord, settings: TaskSettings) {
  const { ttl, ...fields } = taskFields(task);
  return {
    ...fields,
    ttlMs: ttl,
    pollIntervalMs: settings.pollIntervalMs,
    ...(task.status === 'completed' && task.result ? { result: { resultType: 'complete', ...task.result } } : {}),
    ...(task.status === 'failed' && task.error ? { error: task.error } : {}),
  };
}

/**
 * The underlying result of an ended task for 2025-11-25 `tasks/result`: the
 * CallToolResult, or the JSON-RPC error the call failed with.
 */
export function legacyPayload(task: TaskRecord): Record<string, unknown> {
  const related = { [RELATED_TASK_META_KEY]: { taskId: task.id } };
  if (task.status === 'completed' && task.result) {
    const meta = (task.result._meta as Record<string, unknown> | undefined) ?? {};
    return { ...task.result, _meta: { ...meta, ...related } };
  }
  if (task.status === 'failed' && task.error) {
    throw new ProtocolError(task.error.code, task.error.message, task.error.data);
  }
  throw new ProtocolError(-32602, `task "${task.id}" was cancelled: it has no result`, related);
}

/** How a call run as a task ended: its result, or the JSON-RPC error it was refused with. */
export function endingOf(outcome: { result: Record<string, unknown> } | { error: unknown }): TaskEnding {
  if ('result' in outcome) {
    const failed = outcome.result.isError === true;
    return { status: 'completed', result: outcome.result, message: failed ? 'the tool reported an error' : 'done' };
  }
  const error = outcome.error;
  if (error instanceof ProtocolError) {
    return {
      status: 'failed',
      error: { code: error.code, message: error.message, ...(error.data === undefined ? {} : { data: error.data }) },
      message: error.message,
    };
  }
  throw error;
}

/** The answer to a task id that is unknown, expired, or another user's: all the same. */
export function unknownTask(id: string): ProtocolError {
  return new ProtocolError(-32602, `unknown task "${id}" (it may have expired)`);
}
