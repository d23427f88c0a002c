import pg from 'pg';
import type { CancelRelay } from '../mcp/in-flight-calls.js';

const CHANNEL = 'mcpist_call_cancelled';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes and more. */
const MAX_PAYLOAD = 7_000;

/**
 * A cancellation relayed through the PostgreSQL the instances share
 * (LISTEN/NOTIFY on one dedicated connection). Needs a session, not a
 * transaction pooler: with Supabase use the direct or session-mode URL.
 */
export class PostgresCancelRelay implements CancelRelay {
  private client: pg.Client | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly onError: (error: Error) => void,
  ) {}

  async listen(onCancel: (key: string) => void): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('error', this.onError);
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) onCancel(message.payload);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  async publish(key: string): Promise<void> {
    if (!this.client || Buffer.byteLength(key) > MAX_PAYLOAD) return;
    await this.client.query('SELECT pg_notify($1, $2)', [CHANNEL, key]);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}
