/** Carries cancellations between instances (the store's PostgreSQL implements it). */
export interface CancelRelay {
  /** Starts hearing cancellations published by any instance (this one included). */
  listen(onCancel: (key: string) => void): Promise<void>;
  publish(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The calls this process is running for 2025-era clients, so that a
 * `notifications/cancelled` — on a stateless endpoint a separate POST, which
 * the SDK answers with a fresh server that knows no call — reaches the call
 * it names, here or, through the relay, on the instance running it. Keyed by
 * principal, the client's session id and the JSON-RPC id: nobody can cancel
 * another user's call, nor a call of another connection.
 */
export class InFlightCalls {
  private readonly calls = new Map<string, AbortController>();

  constructor(private readonly relay?: CancelRelay) {}

  /** Starts hearing cancellations from other instances (no-op without a relay). */
  async start(): Promise<void> {
    await this.relay?.listen((key) => this.abortLocal(key, 'cancelled by the client'));
  }

  async close(): Promise<void> {
    await this.relay?.close();
  }

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

  /** Aborts the named call: here when this process runs it, else wherever the relay finds it. */
  async cancel(userId: string, sessionId: string, requestId: string | number, reason: string): Promise<void> {
    const key = InFlightCalls.key(userId, sessionId, requestId);
    if (!this.abortLocal(key, reason)) await this.relay?.publish(key);
  }

  private abortLocal(key: string, reason: string): boolean {
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
