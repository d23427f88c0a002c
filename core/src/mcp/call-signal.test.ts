import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { withCallSignal } from './call-signal.js';

/** Runs `withCallSignal` until the test settles `finish`; hands back the signal the work saw. */
function started(request: AbortSignal, cancel: AbortSignal | undefined) {
  let finish: () => void = () => {};
  let seen: AbortSignal | undefined;
  const done = withCallSignal(request, cancel, (signal) => {
    seen = signal;
    return new Promise<void>((resolve) => {
      finish = resolve;
    });
  });
  return { done, finish: () => finish(), signal: () => seen as AbortSignal };
}

describe('withCallSignal', () => {
  it('hands the request signal itself through when no cancellation is tracked', async () => {
    const request = new AbortController();
    const run = started(request.signal, undefined);
    expect(run.signal()).toBe(request.signal);
    run.finish();
    await run.done;
  });

  it.each(['request', 'cancel'] as const)('aborts when the %s signal does, with its reason', async (which) => {
    const request = new AbortController();
    const cancel = new AbortController();
    const run = started(request.signal, cancel.signal);
    expect(run.signal().aborted).toBe(false);
    (which === 'request' ? request : cancel).abort(new Error(`${which} gone`));
    expect(run.signal().aborted).toBe(true);
    expect((run.signal().reason as Error).message).toBe(`${which} gone`);
    run.finish();
    await run.done;
  });

  it('starts aborted when a source already is', async () => {
    const cancel = new AbortController();
    cancel.abort('cancelled before');
    const run = started(new AbortController().signal, cancel.signal);
    expect(run.signal().reason).toBe('cancelled before');
    run.finish();
    await run.done;
  });

  it('stops following both sources once the work is done, even when it failed', async () => {
    const request = new AbortController();
    const cancel = new AbortController();
    const run = started(request.signal, cancel.signal);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(1);
    run.finish();
    await run.done;
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(0);

    await expect(
      withCallSignal(request.signal, cancel.signal, async () => {
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(getEventListeners(cancel.signal, 'abort')).toHaveLength(0);
  });
});
