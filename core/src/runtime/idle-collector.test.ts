import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exposeGc } from './expose-gc.js';
import { startIdleCollector } from './idle-collector.js';

const MB = 1024 * 1024;

describe('idle collector', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function subject(options: { minGrowthBytes?: number } = {}) {
    const state = { requests: 0, heap: 100 * MB, collects: 0 };
    const collector = startIdleCollector({
      activity: () => state.requests,
      heapBytes: () => state.heap,
      collect: () => {
        state.collects++;
        state.heap = 40 * MB;
      },
      intervalMs: 1_000,
      ...options,
    });
    return { state, collector };
  }

  it('collects once the first quiet interval passes after start-up, then not again while the heap stays put', () => {
    const { state, collector } = subject();
    vi.advanceTimersByTime(1_000);
    expect(state.collects).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(state.collects).toBe(1);
    expect(collector.collections).toBe(1);
    collector.stop();
  });

  it('never collects while requests keep arriving, and collects once they stopped for quietMs', () => {
    const { state, collector } = subject();
    vi.advanceTimersByTime(1_000); // start-up garbage
    for (let second = 0; second < 30; second++) {
      state.requests += 50;
      state.heap += 20 * MB;
      vi.advanceTimersByTime(1_000);
    }
    expect(state.collects).toBe(1);
    vi.advanceTimersByTime(9_000);
    expect(state.collects).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(state.collects).toBe(2);
    expect(state.heap).toBe(40 * MB);
    collector.stop();
  });

  it('lets a request during the quiet spell start the wait over', () => {
    const { state, collector } = subject();
    vi.advanceTimersByTime(1_000);
    state.requests++;
    state.heap += 100 * MB;
    vi.advanceTimersByTime(1_000);
    vi.advanceTimersByTime(8_000);
    state.requests++;
    vi.advanceTimersByTime(1_000);
    vi.advanceTimersByTime(9_000);
    expect(state.collects).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(state.collects).toBe(2);
    collector.stop();
  });

  it('leaves a heap that grew less than the threshold alone, and reports what it freed', () => {
    const collected = vi.fn();
    const state = { requests: 0, heap: 40 * MB };
    const collector = startIdleCollector({
      activity: () => state.requests,
      heapBytes: () => state.heap,
      collect: () => {
        state.heap = 30 * MB;
      },
      collected,
      minGrowthBytes: 16 * MB,
      quietMs: 2_000,
    });
    vi.advanceTimersByTime(1_000);
    expect(collected).toHaveBeenCalledWith(40 * MB, 30 * MB);
    state.requests++;
    state.heap = 45 * MB; // +15 MiB
    vi.advanceTimersByTime(3_000);
    expect(collector.collections).toBe(1);
    state.heap = 47 * MB; // +17 MiB
    vi.advanceTimersByTime(1_000);
    expect(collector.collections).toBe(2);
    collector.stop();
  });

  it('stops looking when stopped', () => {
    const { state, collector } = subject();
    collector.stop();
    vi.advanceTimersByTime(5_000);
    expect(state.collects).toBe(0);
  });
});

describe('exposeGc', () => {
  it('hands out a full collection without leaving a global gc behind', () => {
    const collect = exposeGc();
    expect(collect).toBeTypeOf('function');
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i }));
    const before = process.memoryUsage().heapUsed;
    garbage = undefined;
    collect?.();
    expect(garbage).toBeUndefined();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before);
  });
});
