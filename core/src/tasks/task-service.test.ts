import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, transports } from 'winston';
import { InFlightCalls } from '../mcp/in-flight-calls.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/open-database.js';
import type { TaskEnding } from '../store/repositories/tasks-repository.js';
import { TasksRepository } from '../store/repositories/tasks-repository.js';
import { UsersRepository } from '../store/repositories/users-repository.js';
import { TaskService } from './task-service.js';

/**
 * The task store's rules on the embedded database, with a clock the test
 * moves: a result expires a TTL after its task ended, a running task a TTL
 * after its last progress; a page of tasks is the owner's, newest first.
 */

const TTL = 600_000;
let db: Database;
let userId: string;
let otherId: string;
let now = Date.parse('2026-12-12T10:00:00.000Z');
const logger = createLogger({ level: 'error', transports: [new transports.Console({ silent: true })] });

const service = () =>
  new TaskService(
    new TasksRepository(db),
    new InFlightCalls(),
    { resultTtlMs: TTL, pollIntervalMs: 1_000 },
    logger,
    () => now,
  );

/** Work that ends when the test says so. */
function controlled() {
  let end: (ending: TaskEnding) => void = () => {};
  let progress: (message: string) => void = () => {};
  let aborted: AbortSignal | undefined;
  const work = (signal: AbortSignal, note: (message: string) => void) =>
    new Promise<TaskEnding>((resolve) => {
      aborted = signal;
      progress = note;
      end = resolve;
      signal.addEventListener('abort', () =>
        resolve({ status: 'failed', error: { code: -32800, message: 'aborted' } }),
      );
    });
  return { work, end: (ending: TaskEnding) => end(ending), note: (m: string) => progress(m), signal: () => aborted };
}

const completed = (text: string): TaskEnding => ({
  status: 'completed',
  result: { content: [{ type: 'text', text }] },
});

beforeAll(async () => {
  ({ db } = await openDatabase({ dataDir: 'memory://' }));
  const users = new UsersRepository(db);
  userId = (await users.ensure('ada@example.com')).user.id;
  otherId = (await users.ensure('bob@example.com')).user.id;
});

afterAll(() => db.close());

describe('task service', () => {
  it('keeps a result readable for the TTL after the task ended, and not longer', async () => {
    const tasks = service();
    const work = controlled();
    const task = await tasks.start(userId, 'call', work.work);
    now += TTL - 1; // still running, no progress yet: alive until created + TTL
    expect(await tasks.get(userId, task.id)).toMatchObject({ status: 'working' });
    work.note('1 of 2 done');
    await expect.poll(async () => (await tasks.get(userId, task.id))?.statusMessage).toBe('1 of 2 done');
    now += 5_000;
    work.end(completed('hello'));
    const ended = await tasks.waitForEnd(userId, task.id, new AbortController().signal);
    expect(ended).toMatchObject({ status: 'completed', result: { content: [{ text: 'hello' }] } });
    now += TTL - 1;
    expect(await tasks.get(userId, task.id)).toMatchObject({ status: 'completed' });
    now += 1;
    expect(await tasks.get(userId, task.id)).toBeUndefined();
    await tasks.close();
  });

  it('lets a running task that stopped making progress expire (its instance may be gone)', async () => {
    const tasks = service();
    const work = controlled();
    const task = await tasks.start(userId, 'batch', work.work);
    now += TTL / 2;
    work.note('1 of 3 done');
    await expect.poll(async () => (await tasks.get(userId, task.id))?.statusMessage).toBe('1 of 3 done');
    now += TTL - 1;
    expect(await tasks.get(userId, task.id)).toMatchObject({ status: 'working' });
    now += 1;
    expect(await tasks.get(userId, task.id)).toBeUndefined();
    work.end(completed('late'));
    await tasks.close();
  });

  it("lists only the owner's tasks, newest first, a page at a time", async () => {
    const tasks = service();
    const { user } = await new UsersRepository(db).ensure('cy@example.com');
    const ids: string[] = [];
    for (let i = 0; i < 52; i++) {
      now += 1;
      ids.push((await tasks.start(user.id, 'call', async () => completed(`${i}`))).id);
    }
    await tasks.start(otherId, 'call', async () => completed('theirs'));
    const first = await tasks.list(user.id);
    expect(first?.tasks).toHaveLength(50);
    expect(first?.tasks[0]?.id).toBe(ids[51]);
    const second = await tasks.list(user.id, first?.nextCursor);
    expect(second?.tasks.map((task) => task.id)).toEqual([ids[1], ids[0]]);
    expect(second?.nextCursor).toBeUndefined();
    expect(await tasks.list(user.id, 'not-a-cursor')).toBeUndefined();
    expect(await tasks.get(otherId, ids[0] as string)).toBeUndefined();
    await tasks.close();
  });

  it('cancels a running task once, aborting its work; the owner only', async () => {
    const tasks = service();
    const work = controlled();
    const task = await tasks.start(userId, 'call', work.work);
    expect(await tasks.cancel(otherId, task.id)).toBe('unknown');
    expect(work.signal()?.aborted).toBe(false);
    expect(await tasks.cancel(userId, task.id)).toMatchObject({ status: 'cancelled' });
    expect(work.signal()?.aborted).toBe(true);
    expect(await tasks.waitForEnd(userId, task.id, new AbortController().signal)).toMatchObject({
      status: 'cancelled',
    });
    expect(await tasks.cancel(userId, task.id)).toBe('ended');
    await tasks.close();
  });

  it('records the tasks still running when the server stops as failed, and takes no more', async () => {
    const tasks = service();
    const work = controlled();
    const task = await tasks.start(userId, 'call', work.work);
    await tasks.close();
    expect(work.signal()?.aborted).toBe(true);
    expect(await tasks.get(userId, task.id)).toMatchObject({ status: 'failed', error: { code: -32603 } });
    await expect(tasks.start(userId, 'call', work.work)).rejects.toThrow(/stopping/);
  });
});
