import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { transports } from 'winston';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { Tokens } from '../container/tokens.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { closeLogger, createMcpistLogger } from './logger.js';
import { REDACTED } from './redact.js';

const LOKI_USER = 'loki-user-4711';
const LOKI_PASSWORD = 'glc_lokiPassword0123456789abcdef';

interface LokiEntry {
  labels: Record<string, string>;
  /** Nanoseconds since the epoch, as Loki's JSON push API carries them. */
  ts: string;
  line: string;
  /** Structured metadata, when the pusher sent any. */
  metadata: unknown;
}

/** Grafana Loki's push endpoint (`POST /loki/api/v1/push`, JSON body), recording what it receives. */
async function startFakeLoki() {
  const pushes: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const onPush = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/loki/api/v1/push') {
        res.writeHead(404).end('404 page not found\n');
        return;
      }
      const raw = Buffer.concat(chunks);
      const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      pushes.push({ headers: req.headers, body });
      for (const listener of onPush) listener();
      if (!req.headers['content-type']?.startsWith('application/json')) {
        res.writeHead(415).end('this fake reads JSON pushes only\n');
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake = {
    url: `http://127.0.0.1:${port}`,
    pushes,
    /** Resolves with the first entry (already received or still to come) that `matches`. */
    entry(matches: (entry: LokiEntry) => boolean): Promise<LokiEntry> {
      return new Promise((resolve) => {
        const check = () => {
          const found = fake.entries().find(matches);
          if (!found) return;
          onPush.delete(check);
          resolve(found);
        };
        onPush.add(check);
        check();
      });
    },
    entries(): LokiEntry[] {
      return pushes.flatMap(({ body }) => {
        const { streams } = JSON.parse(body) as {
          streams: Array<{ stream: Record<string, string>; values: Array<[string, string, unknown?]> }>;
        };
        return streams.flatMap(({ stream, values }) =>
          values.map(([ts, line, metadata]) => ({ labels: stream, ts, line, metadata })),
        );
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}

/**
 * A Loki that takes each push and never answers, or (`unavailable`) answers
 * 503; `pushes(n)` resolves once n pushes have arrived.
 */
async function startBrokenLoki(mode: 'hang' | 'unavailable') {
  let count = 0;
  const waiting: Array<{ n: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    count += 1;
    for (const waiter of waiting.filter(({ n }) => n <= count)) waiter.resolve();
    if (mode === 'unavailable') req.resume().on('end', () => res.writeHead(503).end('no ingester available\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pushes: (n: number) => new Promise<void>((resolve) => (count >= n ? resolve() : waiting.push({ n, resolve }))),
  };
}
const listIssues = { module: 'github', tool: 'list_issues', params: { owner: 'octo-org', repo: 'hello-world' } };

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A hub logging at info (the tool call lines), with its console transport
 * muted so the test output stays readable, and a `close` that the test and
 * the cleanup may both call.
 */
async function startHub(github: FakeGitHub, lokiUrl?: string): Promise<TestHub> {
  const hub = await startTestHub({
    logLevel: 'info',
    pluginSettings: { github: { baseUrl: github.url } },
    ...(lokiUrl ? { lokiUrl, lokiUsername: LOKI_USER, lokiPassword: LOKI_PASSWORD } : {}),
  });
  for (const transport of hub.server.container.resolve(Tokens.Logger).transports) {
    if (transport instanceof transports.Console) transport.silent = true;
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= hub.close();
    return closing;
  };
  cleanups.push(close);
  await hub.setCredential('github', github.token);
  return { ...hub, close };
}

async function startGitHub(): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ issues: 2 });
  cleanups.push(() => github.close());
  return github;
}

describe('the Loki transport, Loki up', () => {
  let github: FakeGitHub;
  let loki: Awaited<ReturnType<typeof startFakeLoki>>;
  let hub: TestHub;

  beforeAll(async () => {
    github = await startGitHub();
    loki = await startFakeLoki();
    cleanups.push(() => loki.close());
    // A trailing slash is tolerated: the transport appends /loki/api/v1/push.
    hub = await startHub(github, `${loki.url}/`);
  });

  it('pushes the tool call lines with app=mcpist, the seed fields, and nothing secret', async () => {
    const client = await hub.connect();
    const started = Date.now();
    const result = await client.callTool({ name: 'call', arguments: listIssues });
    expect(result.isError).toBeFalsy();

    // The batch goes out on the transport's own schedule (every 2 s), not per line.
    const call = await loki.entry((entry) => entry.line.includes('"tool call succeeded"'));
    expect(call.labels).toEqual({ app: 'mcpist', level: 'info' });
    expect(call.metadata ?? {}).toEqual({});
    expect(Number(BigInt(call.ts) / 1_000_000n)).toBeGreaterThanOrEqual(started - 1_000);
    expect(JSON.parse(call.line)).toMatchObject({
      level: 'info',
      message: 'tool call succeeded',
      module: 'github',
      tool: 'list_issues',
      user_id: hub.userId,
      account_id: expect.any(String),
      duration_ms: expect.any(Number),
      success: true,
      request_id: expect.any(String),
      timestamp: expect.any(String),
    });
    const push = loki.pushes[0];
    expect(push?.headers['content-type']).toMatch(/^application\/json/);
    expect(push?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${LOKI_USER}:${LOKI_PASSWORD}`).toString('base64')}`,
    );

    // A secret logged by mistake reaches Loki redacted, and a `labels` field stays in the line.
    hub.server.container.resolve(Tokens.Logger).warn('probe before shutdown', {
      token: github.token,
      detail: `upstream said Bearer ${github.token}`,
      labels: { tenant: 'acme' },
    });
    await hub.close();
    // Closing sent the last batch: no waiting for the next interval.
    const probe = loki.entries().find((entry) => entry.line.includes('probe before shutdown'));
    expect(probe?.labels).toEqual({ app: 'mcpist', level: 'warn' });
    expect(JSON.parse(probe?.line ?? '{}')).toMatchObject({
      token: REDACTED,
      detail: `upstream said ${REDACTED}`,
      labels: { tenant: 'acme' },
    });
    for (const entry of loki.entries()) expect(Object.keys(entry.labels).sort()).toEqual(['app', 'level']);
    const everything = loki.pushes.map(({ body }) => body).join('\n');
    expect(everything).not.toContain(github.token);
    expect(everything).not.toContain(hub.token);
    expect(everything).not.toContain(LOKI_PASSWORD);
  });
});

describe('the Loki transport, Loki down', () => {
  let github: FakeGitHub;
  let stderr: MockInstance<typeof process.stderr.write>;
  const warnings = () =>
    stderr.mock.calls.map(([chunk]) => String(chunk)).filter((line) => line.includes('loki push failed'));

  beforeAll(async () => {
    github = await startGitHub();
    // Records stderr; the expected Loki warning is kept out of the test output.
    const write = process.stderr.write.bind(process.stderr);
    stderr = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((chunk, ...rest) =>
        String(chunk).includes('loki push failed') ? true : write(chunk, ...(rest as [BufferEncoding])),
      );
  });
  afterAll(() => stderr.mockRestore());

  // If a call waited for the push, these calls would hang with it and the test would time out.
  it('keeps answering calls while a push hangs, and still closes', async () => {
    const loki = await startBrokenLoki('hang');
    const hub = await startHub(github, loki.url);
    const client = await hub.connect();
    await client.callTool({ name: 'call', arguments: listIssues });
    await loki.pushes(1);
    for (let i = 0; i < 5; i++) {
      expect((await client.callTool({ name: 'call', arguments: listIssues })).isError).toBeFalsy();
    }
    await hub.close();
  }, 20_000);

  it('warns once, without secrets, when pushes keep failing', async () => {
    const loki = await startBrokenLoki('unavailable');
    const hub = await startHub(github, loki.url);
    const client = await hub.connect();
    await client.callTool({ name: 'call', arguments: listIssues });
    await loki.pushes(1);
    await client.callTool({ name: 'call', arguments: listIssues });
    await hub.close(); // sends the last batch: a second failed push
    await loki.pushes(2);
    expect(warnings()).toHaveLength(1);
    expect(JSON.parse(warnings()[0] as string)).toMatchObject({ level: 'warn', error: expect.any(String) });
    expect(warnings()[0]).not.toContain(LOKI_PASSWORD);
    expect(warnings()[0]).not.toContain(LOKI_USER);
  }, 20_000);
});

describe('the Loki transport, Loki refusing', () => {
  it('reports the HTTP status once, with the secrets in the answer redacted, and still closes', async () => {
    const refusing = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(401).end(`invalid credentials: Bearer ${LOKI_PASSWORD}\n`));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => refusing.close(() => resolve())));
    const reported: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => {
      if (!String(chunk).includes('loki push failed')) return write(chunk, ...(rest as [BufferEncoding]));
      reported.push(String(chunk));
      return true;
    });
    try {
      const { port } = refusing.address() as AddressInfo;
      const logger = createMcpistLogger({
        level: 'info',
        loki: { url: `http://127.0.0.1:${port}/loki/api/v1/push`, username: LOKI_USER, password: LOKI_PASSWORD },
      });
      for (const transport of logger.transports) if (transport instanceof transports.Console) transport.silent = true;
      logger.info('first line');
      await closeLogger(logger);
    } finally {
      spy.mockRestore();
    }
    expect(reported).toHaveLength(1);
    expect(JSON.parse(reported[0] as string)).toMatchObject({ error: `HTTP 401: invalid credentials: ${REDACTED}` });
    expect(reported[0]).not.toContain(LOKI_PASSWORD);
  });
});
