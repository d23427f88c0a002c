import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../container/tokens.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.close().catch(() => {});
});

describe('/health', () => {
  it('is ok with the store reachable and every plugin loaded', async () => {
    const response = await fetch(`${hub.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      checks: { store: { status: 'ok', kind: 'pglite' }, plugins: { failed: [] } },
    });
  });

  it('answers 503 when the store is unreachable', async () => {
    await hub.server.container.resolve(Tokens.Database).close();
    const response = await fetch(`${hub.url}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'unavailable',
      checks: { store: { status: 'unreachable' } },
    });
  });
});
