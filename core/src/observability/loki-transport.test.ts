import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
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
      if (!req.headers['content-type']?.startsWith('application/json')) {
        res.writeHead(415).end('this fake reads JSON pushes only\n');
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pushes,
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
}

/** A loopback port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`not seen within ${timeoutMs} ms`);
    await sleep(50);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
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
    const call = await waitFor(
      () => loki.entries().find((entry) => entry.line.includes('"tool call succeeded"')),
      6_000,
    );
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
  let off: TestHub;
  let down: TestHub;
  let stderr: MockInstance<typeof process.stderr.write>;

  beforeAll(async () => {
    const github = await startGitHub();
    // Records stderr; the expected Loki warning is kept out of the test output.
    const write = process.stderr.write.bind(process.stderr);
    stderr = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((chunk, ...rest) =>
        String(chunk).includes('loki push failed') ? true : write(chunk, ...(rest as [BufferEncoding])),
      );
    off = await startHub(github);
    // Started last, so the measured calls below cover its first push (2 s after start), which fails.
    down = await startHub(github, `http://127.0.0.1:${await closedPort()}`);
  });
  afterAll(() => stderr.mockRestore());

  it('keeps calls at their normal latency, warns once without secrets, and closes promptly', async () => {
    const clients = { off: await off.connect(), down: await down.connect() };
    const timings: Record<'off' | 'down', number[]> = { off: [], down: [] };
    const timeCall = async (which: 'off' | 'down') => {
      const begin = performance.now();
      const result = await clients[which].callTool({ name: 'call', arguments: listIssues });
      timings[which].push(performance.now() - begin);
      expect(result.isError).toBeFalsy();
    };
    for (let i = 0; i < 2; i++) {
      await clients.off.callTool({ name: 'call', arguments: listIssues });
      await clients.down.callTool({ name: 'call', arguments: listIssues });
    }
    // Interleaved and paced, so both hubs are measured over the same moments.
    for (let i = 0; i < 20; i++) {
      await timeCall(i % 2 === 0 ? 'off' : 'down');
      await timeCall(i % 2 === 0 ? 'down' : 'off');
      await sleep(120);
    }

    const warnings = () =>
      stderr.mock.calls.map(([chunk]) => String(chunk)).filter((line) => line.includes('loki push failed'));
    expect(warnings()).toHaveLength(1);
    expect(JSON.parse(warnings()[0] as string)).toMatchObject({ level: 'warn', error: 'ECONNREFUSED' });
    expect(warnings()[0]).not.toContain(LOKI_PASSWORD);
    expect(warnings()[0]).not.toContain(LOKI_USER);

    const medianOff = median(timings.off);
    const medianDown = median(timings.down);
    console.info(
      `tool call latency, 20 calls each: Loki off median ${medianOff.toFixed(1)} ms (max ${Math.max(...timings.off).toFixed(1)}), Loki down median ${medianDown.toFixed(1)} ms (max ${Math.max(...timings.down).toFixed(1)})`,
    );
    expect(medianDown).toBeLessThan(medianOff + 50);
    expect(Math.max(...timings.down)).toBeLessThan(1_000);

    const closing = performance.now();
    await down.close();
    expect(performance.now() - closing).toBeLessThan(2_000);
    expect(warnings()).toHaveLength(1);
  }, 40_000);
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
