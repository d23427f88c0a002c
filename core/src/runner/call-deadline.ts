/**
 * One call's abort signal: it aborts when the call's time is up or when the
 * caller's own signal aborts, whichever comes first.
 *
 * `AbortSignal.timeout` would do the first half, but its timer cannot be
 * cleared: combined with `AbortSignal.any`, Node keeps the timeout signal
 * alive until it fires, long after the call ended (a 30 s tool timeout
 * meant every call of the last 30 s still held on). Under load those
 * survivors were promoted to the old generation and made the heap, and RSS,
 * grow (issue 15). Here the timer and the listener are let go in `dispose`,
 * as soon as the call is over.
 */
export interface CallDeadline {
  readonly signal: AbortSignal;
  /** True once the time ran out (not when the caller aborted). */
  readonly expired: boolean;
  /** Stops the timer and stops following the caller's signal; the call is over. */
  dispose(): void;
}

export function startCallDeadline(timeoutMs: number, outer?: AbortSignal): CallDeadline {
  const controller = new AbortController();
  let expired = false;
  const onOuterAbort = () => controller.abort(outer?.reason);
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  // A pending deadline never keeps the process alive on its own.
  timer.unref?.();
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}
