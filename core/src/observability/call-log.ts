import type { Logger } from 'winston';
import type { AuditEvent, AuditLogsRepository } from '../store/repositories/audit-logs-repository.js';

/** One finished tool call, as the audit log keeps it: who, which tool, how it went; never its arguments or output. */
export interface CallRecord {
  userId: string;
  module: string;
  tool: string;
  requestId: string;
  ok: boolean;
  /** The MCPist error code of a failed call. */
  errorCode?: number | undefined;
  durationMs: number;
}

const FLUSH_AT = 100;
const MAX_PENDING = 10_000;

/**
 * Writes finished tool calls to the audit log (`tool_called`) off the call's
 * path (ADR 0047): calls are queued and written in one statement per batch,
 * at most a second later, so a call waits on no store write. A store that is
 * down loses those entries (logged), never a call.
 */
export class CallLog {
  private queue: AuditEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly audit: Pick<AuditLogsRepository, 'recordMany'>,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly intervalMs = 1_000,
  ) {}

  note(call: CallRecord): void {
    if (this.closed) return;
    if (this.queue.length >= MAX_PENDING) this.queue.shift();
    this.queue.push({
      event: 'tool_called',
      userId: call.userId,
      module: call.module,
      tool: call.tool,
      requestId: call.requestId || undefined,
      reason: call.ok ? undefined : String(call.errorCode),
      details: { ok: call.ok, duration_ms: Math.round(call.durationMs) },
    });
    if (this.queue.length >= FLUSH_AT) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Writes what is queued; resolves when every earlier write has finished. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      await this.audit.recordMany(batch).catch((error: unknown) => {
        this.logger.warn('tool calls not written to the audit log', { count: batch.length, error });
      });
    });
    return this.writing;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }
}
