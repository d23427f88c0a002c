import { format, type Logger } from 'winston';
import LokiTransport from 'winston-loki';
import { redactValue } from './redact.js';

type Transport = Logger['transports'][number];

/** Where to push log lines (Grafana Loki's push API), and how to authenticate. */
export interface LokiTarget {
  /** Base URL (`https://logs-prod-…grafana.net`); a trailing `/loki/api/v1/push` is accepted too. */
  url: string;
  username?: string | undefined;
  password?: string | undefined;
}

/**
 * Stream labels of every pushed line, besides `level` (which winston-loki
 * adds). Static on purpose: Loki indexes labels, so per-call values
 * (module, tool, user) stay in the JSON line and are read with `| json`.
 */
export const LOKI_LABELS = { app: 'mcpist' } as const;

/** Seconds between two pushes of the batch. */
const PUSH_INTERVAL_SECONDS = 2;
/** Deadline of one push request. */
const PUSH_TIMEOUT_MS = 5_000;
/**
 * After a failed push winston-loki waits 60 s before the next one; an error
 * within this window belongs to the same outage and is not reported again.
 */
const SAME_OUTAGE_MS = 90_000;
/** The longest a shutdown waits for the last batch. */
const CLOSE_TIMEOUT_MS = PUSH_TIMEOUT_MS + 1_000;

/**
 * Leaves only the rendered JSON line (`info[MESSAGE]`, made by the logger's
 * own format, so after redaction) and the level symbol. winston-loki would
 * otherwise turn a `labels` field into stream labels and send every field a
 * second time as structured metadata, which Loki before 3.0 refuses.
 */
const renderedLineOnly = format((info) => {
  for (const key of Object.keys(info)) Reflect.deleteProperty(info, key);
  return info;
});

/** Closing twice (the logger's unpipe, then `closeLokiTransports`) sends the last batch once. */
class McpistLokiTransport extends LokiTransport {
  #closing: Promise<void> | undefined;

  override close(): Promise<void> {
    this.#closing ??= super.close().catch(() => {});
    return this.#closing;
  }
}

function describeFailure(error: unknown): string {
  const { code, statusCode, responseBody } = (error ?? {}) as {
    code?: unknown;
    statusCode?: unknown;
    responseBody?: unknown;
  };
  if (typeof statusCode === 'number') {
    const body = typeof responseBody === 'string' ? responseBody.trim().slice(0, 200) : '';
    return `HTTP ${statusCode}${body ? `: ${String(redactValue(body))}` : ''}`;
  }
  if (typeof code === 'string') return code;
  return error instanceof Error ? String(redactValue(error.message)) : 'unknown error';
}

/**
 * One warning per outage, straight to stderr: through the logger it would
 * queue for Loki too. It names the failure, never the URL (which may hold
 * credentials) nor the Authorization header.
 */
function outageReporter(): (error: unknown) => void {
  let lastFailure = Number.NEGATIVE_INFINITY;
  return (error) => {
    try {
      const now = Date.now();
      const fresh = now - lastFailure > SAME_OUTAGE_MS;
      lastFailure = now;
      if (!fresh) return;
      const line = {
        timestamp: new Date(now).toISOString(),
        level: 'warn',
        message: 'loki push failed; log lines still go to the console, the next push is in about 60 s',
        error: describeFailure(error),
        service: 'mcpist',
      };
      process.stderr.write(`${JSON.stringify(line)}\n`);
    } catch {
      // A log shipper must never break the process it observes.
    }
  };
}

/** `https://host/` and `https://host/loki/api/v1/push` both mean `https://host`. */
function baseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/loki\/api\/v1\/push$/, '');
}

/**
 * A winston transport pushing to Grafana Loki. `log` only appends to an
 * in-memory batch, so a slow or unreachable Loki never delays a call; the
 * batch is pushed every 2 s as JSON. A failed push drops its batch
 * (`clearOnError`): the console keeps every line, and a batch Loki refuses
 * (e.g. 400 for an over-long line) cannot block all later ones. No exit hook
 * (`gracefulShutdown: false`): winston-loki's would call `process.exit` on
 * SIGTERM before the server has drained; `closeLokiTransports` sends the last
 * batch instead, from `disposeContainer`.
 */
export function createLokiTransport(target: LokiTarget): Transport {
  const { username, password } = target;
  return new McpistLokiTransport({
    host: baseUrl(target.url),
    ...(username || password ? { basicAuth: `${username ?? ''}:${password ?? ''}` } : {}),
    labels: { ...LOKI_LABELS },
    format: renderedLineOnly(),
    json: true,
    batching: true,
    interval: PUSH_INTERVAL_SECONDS,
    timeout: PUSH_TIMEOUT_MS,
    replaceTimestamp: true,
    clearOnError: true,
    gracefulShutdown: false,
    onConnectionError: outageReporter(),
  });
}

/**
 * Sends what the logger's Loki transports still hold and stops their push
 * loops (so the process can exit). Resolves within a few seconds even when
 * Loki hangs; never rejects.
 */
export async function closeLokiTransports(transports: readonly Transport[]): Promise<void> {
  const closing = transports.filter((t) => t instanceof McpistLokiTransport).map((t) => t.close());
  if (closing.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    timer.unref();
  });
  await Promise.race([Promise.all(closing), deadline]);
  clearTimeout(timer);
}
