import pg from 'pg';
import type { NotificationHandlers } from './database.js';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * LISTENs on a dedicated connection (a pooled one would drop the LISTEN when
 * returned). When the connection fails, `lost` is called at once and the
 * connection is re-opened with backoff; `restored` follows the new LISTEN, so
 * callers drop whatever may have changed meanwhile.
 */
export async function listenOnPostgres(
  connectionString: string,
  channel: string,
  handlers: NotificationHandlers,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    // Errors arrive here and as `end`; the reconnect is driven by `end`, once.
    next.on('error', () => {});
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.notify(message.payload ?? '');
    });
    next.once('end', () => {
      if (stopped || client !== next) return;
      client = undefined;
      handlers.lost?.();
      schedule();
    });
    await next.connect();
    client = next;
    await next.query(`listen ${pg.escapeIdentifier(channel)}`);
  };

  const schedule = () => {
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(
        () => {
          retryMs = RETRY_MIN_MS;
          handlers.restored?.();
        },
        () => {
          const failed = client;
          client = undefined;
          failed?.end().catch(() => {});
          retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
          if (!stopped) schedule();
        },
      );
    }, retryMs);
    timer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => {});
    client = undefined;
  };
}
