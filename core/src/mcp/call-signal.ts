/**
 * Runs a request's handler under one signal: the SDK's for the request and,
 * when one is tracked, a 2025-era client's separate cancellation.
 *
 * `AbortSignal.any` would combine them, but Node follows each signal it
 * makes with weak references registered in two finalization registries per
 * source, kept until a garbage collection: for every tool call, a cost in
 * CPU and heap out of proportion to two listeners. Here the listeners go
 * when the handler is done.
 */
export async function withCallSignal<T>(
  request: AbortSignal,
  cancel: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (!cancel) return work(request);
  const controller = new AbortController();
  const onRequestAbort = () => controller.abort(request.reason);
  const onCancel = () => controller.abort(cancel.reason);
  if (request.aborted) onRequestAbort();
  else if (cancel.aborted) onCancel();
  else {
    request.addEventListener('abort', onRequestAbort, { once: true });
    cancel.addEventListener('abort', onCancel, { once: true });
  }
  try {
    return await work(controller.signal);
  } finally {
    request.removeEventListener('abort', onRequestAbort);
    cancel.removeEventListener('abort', onCancel);
  }
}
