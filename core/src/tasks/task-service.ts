import { randomUUID } from 'node:crypto';
import type { Logger } from 'winston';
import type { InFlightCalls } from '../mcp/in-flight-calls.js';
import {
  type TaskEnding,
  type TaskRecord,
  type TasksRepository,
  TERMINAL_STATUSES,
} from '../store/repositories/tasks-repository.js';

/** What the operator configures (`tasks.*`). */
export interface TaskSettings {
  /** How long a task's result stays readable after it ended; a running task's, after its last progress. */
  resultTtlMs: number;
  /** The polling interval suggested to clients. */
  pollIntervalMs: number;
}

/** Runs a task's work; resolves to how it ended. `note` reports progress while it runs. */
export type TaskWork = (signal: AbortSignal, note: (message: string) => void) => Promise<TaskEnding>;

/** One page of a principal's tasks. */
export interface TaskPage {
  tasks: TaskRecord[];
  nextCursor?: string;
}

/** Why `cancel` did not cancel. */
export type CancelRefusal = 'unknown' | 'ended';

/** In the in-flight registry, tasks are keyed under this pseudo session: a client's session ids never equal it. */
const TASK_SESSION = 'mcpist:task';
const PAGE_SIZE = 50;
/** Stores are purged of expired tasks at most this often per instance. */
const PURGE_EVERY_MS = 60_000;

function encodeCursor(task: TaskRecord): string {
  return Buffer.from(JSON.stringify([task.createdAt, task.id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined | null {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}

/**
 * MCP tasks (docs/adr/0048): runs a call detached from the request that
 * started it and keeps its state and result in the store, where any instance
 * answers for it. Only the user who created a task can see, wait for or
 * cancel it. A cancellation reaches the work wherever it runs, through the
 * same registry (and PostgreSQL relay) as 2025-era `notifications/cancelled`.
 */
export class TaskService {
  private readonly running = new Map<string, { userId: string; ended: Promise<void> }>();
  private lastPurge = 0;
  private closing = false;

  constructor(
    private readonly repository: TasksRepository,
    private readonly inFlight: InFlightCalls,
    readonly settings: TaskSettings,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  private now(): Date {
    return new Date(this.clock());
  }

  private expiry(from: Date): Date {
    return new Date(from.getTime() + this.settings.resultTtlMs);
  }

  /** Creates a task (durably: any instance finds it once this resolves) and starts its work. */
  async start(userId: string, tool: string, work: TaskWork): Promise<TaskRecord> {
    if (this.closing) throw new Error('the server is stopping');
    const now = this.now();
    await this.purgeSometimes(now);
    const id = randomUUID();
    const task = await this.repository.insert({ id, userId, tool, now, expiresAt: this.expiry(now) });
    this.logger.info('task started', { task_id: id, tool, user_id: userId });
    const tracked = this.inFlight.track(userId, TASK_SESSION, id);
    let notes = Promise.resolve();
    const note = (message: string) => {
      notes = notes
        .then(() => {
          const at = this.now();
          return this.repository.note(id, message, at, this.expiry(at));
        })
        .catch((error: Error) => {
          this.logger.debug('task note not stored', { task_id: id, error: error.message });
        });
    };
    const ended = (async () => {
      let ending: TaskEnding;
      try {
        ending = await work(tracked.signal, note);
      } catch (error) {
        // Work reports its own failures; reaching here is a bug, whose text may not be fit for a client.
        this.logger.error('task failed unexpectedly', { task_id: id, tool, error: (error as Error).message });
        ending = { status: 'failed', error: { code: -32603, message: 'internal error' }, message: 'internal error' };
      } finally {
        tracked.done();
      }
      await notes;
      const at = this.now();
      const stored = await this.repository
        .finish(id, ending, at, this.expiry(at))
        .catch((error: Error) => this.logger.error('task result not stored', { task_id: id, error: error.message }));
      // Not stored: it was cancelled, or stopped with the server, meanwhile; that was logged there.
      if (stored) this.logger.info('task ended', { task_id: id, tool, user_id: userId, status: ending.status });
    })();
    this.running.set(id, { userId, ended });
    void ended.finally(() => this.running.delete(id));
    return task;
  }

  /** The user's task, or undefined when there is none by that id for this user (or it expired). */
  get(userId: string, id: string): Promise<TaskRecord | undefined> {
    return this.repository.find(userId, id, this.now());
  }

  /** The user's tasks, newest first; `undefined` for a cursor this service did not issue. */
  async list(userId: string, cursor?: string): Promise<TaskPage | undefined> {
    const before = decodeCursor(cursor);
    if (before === null) return undefined;
    const found = await this.repository.list(userId, this.now(), PAGE_SIZE + 1, before);
    const tasks = found.slice(0, PAGE_SIZE);
    const last = tasks[tasks.length - 1];
    return found.length > PAGE_SIZE && last ? { tasks, nextCursor: encodeCursor(last) } : { tasks };
  }

  /**
   * Cancels the user's running task: records it cancelled, then aborts its
   * work (here, or on the instance running it). A task that already ended is
   * left as it is.
   */
  async cancel(userId: string, id: string): Promise<TaskRecord | CancelRefusal> {
    const now = this.now();
    const cancelled = await this.repository.cancel(userId, id, now, this.expiry(now));
    if (!cancelled) return (await this.get(userId, id)) ? 'ended' : 'unknown';
    this.logger.info('task ended', { task_id: id, tool: cancelled.tool, user_id: userId, status: 'cancelled' });
    await this.inFlight
      .cancel(userId, TASK_SESSION, id, 'task cancelled by the client')
      .catch((error: Error) =>
        this.logger.warn('task cancellation not relayed', { task_id: id, error: error.message }),
      );
    return cancelled;
  }

  /**
   * Waits until the user's task has ended and returns it: on the local run
   * when this instance runs it, else by reading the store every poll
   * interval. Undefined when there is no such task; rejects when `signal` aborts.
   */
  async waitForEnd(userId: string, id: string, signal: AbortSignal): Promise<TaskRecord | undefined> {
    for (;;) {
      const task = await this.get(userId, id);
      if (!task || TERMINAL_STATUSES.has(task.status)) return task;
      const local = this.running.get(id);
      await new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const timer = local ? undefined : setTimeout(done, this.settings.pollIntervalMs);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', abort);
          resolve();
        }
        function abort() {
          clearTimeout(timer);
          reject(signal.reason);
        }
        signal.addEventListener('abort', abort, { once: true });
        local?.ended.then(done, done);
      });
    }
  }

  /**
   * Stops taking tasks; the ones running here are recorded as failed (their
   * work cannot finish without this process) and aborted.
   */
  async close(): Promise<void> {
    this.closing = true;
    const stopping = [...this.running.entries()];
    await Promise.all(
      stopping.map(async ([id, { userId, ended }]) => {
        const at = this.now();
        const ending: TaskEnding = {
          status: 'failed',
          error: { code: -32603, message: 'MCPist stopped before the task finished; run it again' },
          message: 'MCPist stopped before the task finished',
        };
        if (await this.repository.finish(id, ending, at, this.expiry(at)).catch(() => false)) {
          this.logger.warn('task ended', { task_id: id, user_id: userId, status: 'failed', reason: 'server stopping' });
        }
        await this.inFlight.cancel(userId, TASK_SESSION, id, 'server stopping').catch(() => {});
        await ended;
      }),
    );
  }

  private async purgeSometimes(now: Date): Promise<void> {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    const purged = await this.repository.purgeExpired(now).catch((error: Error) => {
      this.logger.warn('expired tasks not purged', { error: error.message });
      return 0;
    });
    if (purged > 0) this.logger.debug('expired tasks purged', { count: purged });
  }
}
