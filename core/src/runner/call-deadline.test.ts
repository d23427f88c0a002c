import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCallDeadline } from './call-deadline.js';

describe('call deadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts with a TimeoutError when the time is up, and says it expired', () => {
    const deadline = startCallDeadline(500);
    vi.advanceTimersByTime(499);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(deadline.expired).toBe(true);
  });

  it("follows the caller's signal, with its reason, without expiring", () => {
    const caller = new AbortController();
    const deadline = startCallDeadline(500, caller.signal);
    caller.abort(new Error('client went away'));
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).message).toBe('client went away');
    expect(deadline.expired).toBe(false);
    deadline.dispose();
  });

  it('starts aborted when the caller already gave up', () => {
    const caller = new AbortController();
    caller.abort();
    expect(startCallDeadline(500, caller.signal).signal.aborted).toBe(true);
  });

  it('lets go of its timer and of the caller when disposed: nothing fires later', () => {
    const caller = new AbortController();
    const timersBefore = vi.getTimerCount();
    const deadline = startCallDeadline(500, caller.signal);
    expect(vi.getTimerCount()).toBe(timersBefore + 1);
    deadline.dispose();
    expect(vi.getTimerCount()).toBe(timersBefore);
    vi.advanceTimersByTime(1_000);
    caller.abort();
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.expired).toBe(false);
  });
});
