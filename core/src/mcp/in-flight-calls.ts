/**
 * The calls this process is running for 2025-era clients, so that a
 * `notifications/cancelled` — on a stateless endpoint a separate POST, which
 * the SDK answers with a fresh server that knows no call — reaches the call
 * it names. Keyed by principal, the client's session id and the JSON-RPC id:
 * nobody can cancel another user's call, nor a call of another connection.
 */
export class InFlightCalls {
  private readonly calls = new Map<string, AbortController>();

  private static key(userId: string, sessionId: string, requestId: string | number): string {
    return JSON.stringify([userId, sessionId, requestId]);
  }

  /** Registers a call; `done` must be called when it ends. */
  track(userId: string, sessionId: string, requestId: string | number): { signal: AbortSignal; done: () => void } {
    const key = InFlightCalls.key(userId, sessionId, requestId);
    const controller = new AbortController();
    this.calls.set(key, controller);
    return {
      signal: controller.signal,
      done: () => {
        if (this.calls.get(key) === controller) this.calls.delete(key);
      },
    };
  }

  /** Aborts the named call if this process runs it; true when it did. */
  cancel(userId: string, sessionId: string, requestId: string | number, reason: string): boolean {
    const key = InFlightCalls.key(userId, sessionId, requestId);
    const controller = this.calls.get(key);
    if (!controller) return false;
    this.calls.delete(key);
    controller.abort(new CancelledByClient(reason));
    return true;
  }

  get size(): number {
    return this.calls.size;
  }
}

/** The abort reason of a call its client cancelled. */
export class CancelledByClient extends Error {
  constructor(reason: string) {
    super(reason || 'cancelled by the client');
    this.name = 'CancelledByClient';
  }
}
