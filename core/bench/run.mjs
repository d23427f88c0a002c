#!/usr/bin/env node
/**
 * MCPist benchmark, loopback only, bounded: it stops by itself.
 *
 *   npm run bench                      (builds, then runs this file)
 *   node core/bench/run.mjs --calls 500
 *
 * Measures
 *  1. per-call latency of `call` → github.get_issue through MCPist, against a
 *     bare MCP SDK server whose get_issue tool does the same fetch (the
 *     difference is MCPist's overhead per call);
 *  2. one `batch` of 5 independent get_issue commands with the upstream
 *     delaying each answer by 200 ms (parallel fan-out);
 *  3. RSS and heap of this process: before MCPist starts, with MCPist idle,
 *     and after the timed calls (each after a full GC).
 *
 * Prints a table and writes core/bench/results.json (a generated file).
 * Needs the build (`npm run build`): it imports core/dist and plugins/sdk/dist.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

// Memory figures need a full GC before each reading: re-run this file under --expose-gc.
if (typeof globalThis.gc !== 'function' && process.env.MCPIST_BENCH_CHILD !== '1') {
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', SELF, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, MCPIST_BENCH_CHILD: '1' },
  });
  if (child.error) throw child.error;
  process.exit(child.status ?? 1);
}

const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { McpServer } = await import('@modelcontextprotocol/sdk/server/mcp.js');
const { StreamableHTTPServerTransport } = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');
const { z } = await import('zod');
const { default: express } = await import('express');
const { startFakeUpstream } = await import('../../plugins/sdk/dist/testing/index.js');
const { loadConfig } = await import('../dist/config/load-config.js');
const { startServer } = await import('../dist/container/mcpist-server.js');
const { Tokens } = await import('../dist/container/tokens.js');

// ---------------------------------------------------------------- options

const USAGE = 'usage: node core/bench/run.mjs [--calls N] [--warmup N]';
function parseArgs(argv) {
  const options = { calls: 300, warmup: 30 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split('=', 2);
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (flag !== '--calls' && flag !== '--warmup') {
      console.error(`unknown argument "${arg}"\n${USAGE}`);
      process.exit(2);
    }
    const value = Number(inline ?? argv[++i]);
    // GitHub's plugin declares 5000 requests/hour per credential; stay well below it.
    const [min, max] = flag === '--calls' ? [10, 4000] : [0, 500];
    if (!Number.isInteger(value) || value < min || value > max) {
      console.error(`${flag} must be an integer from ${min} to ${max}\n${USAGE}`);
      process.exit(2);
    }
    options[flag.slice(2)] = value;
  }
  return options;
}
const options = parseArgs(process.argv.slice(2));
const BLOCK = 25; // timed calls alternate between the two servers in blocks of this size
const BATCH_SIZE = 5;
const BATCH_RUNS = 5;
const BATCH_DELAY_MS = 200;
const SETTLE_MS = 3000;

// A hard ceiling, so a hung request can never keep the benchmark running.
const watchdog = setTimeout(() => {
  console.error('benchmark: gave up after 110 s');
  process.exit(1);
}, 110_000);
watchdog.unref();

// ---------------------------------------------------------------- helpers

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const MB = (bytes) => round(bytes / 1024 / 1024, 1);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    n: sorted.length,
    min: round(sorted[0], 3),
    p50: round(percentile(sorted, 50), 3),
    p95: round(percentile(sorted, 95), 3),
    p99: round(percentile(sorted, 99), 3),
    mean: round(mean, 3),
    max: round(sorted[sorted.length - 1], 3),
  };
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function memory() {
  // Two passes: the first may only finalize objects the second then frees.
  globalThis.gc?.();
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return {
    rssMB: MB(usage.rss),
    heapUsedMB: MB(usage.heapUsed),
    heapTotalMB: MB(usage.heapTotal),
    externalMB: MB(usage.external),
    arrayBuffersMB: MB(usage.arrayBuffers),
  };
}

/** An object, not an array: results.json stays as Biome formats it (it is in the linted tree). */
function loadavg() {
  const [one, five, fifteen] = os.loadavg().map((value) => round(value));
  return { '1m': one, '5m': five, '15m': fifteen };
}

function textOf(result) {
  return result?.content?.[0]?.text ?? '';
}

/** Times `count` sequential calls of `call`, in ms. Fails loudly on a tool error. */
async function timeCalls(call, count) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await call(i);
    samples.push(performance.now() - started);
    if (result.isError) throw new Error(`tool call failed: ${textOf(result).slice(0, 500)}`);
  }
  return samples;
}

async function connect(url, headers = {}) {
  const client = new Client({ name: 'mcpist-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

// ---------------------------------------------------------------- fake GitHub

const OWNER = 'octo-org';
const REPO = 'hello-world';
const GITHUB_TOKEN = 'ghp_benchToken000000000000000000000000000';

function makeIssue(number) {
  return {
    id: 2_000_000 + number,
    number,
    title: `Issue ${number}`,
    state: 'open',
    html_url: `https://github.com/${OWNER}/${REPO}/issues/${number}`,
    user: { login: 'octocat' },
    labels: number % 2 === 0 ? [{ name: 'bug' }] : [],
    comments: number % 4,
    created_at: `2026-01-01T0${number}:00:00Z`,
  };
}
const ISSUES = [1, 2, 3].map(makeIssue);

let issueDelayMs = 0;
const authorized = (request) => request.headers.authorization?.replace(/^(token|Bearer) /i, '') === GITHUB_TOKEN;
const fake = await startFakeUpstream({
  'GET /repos/:owner/:repo/issues': (request) =>
    authorized(request) ? { json: ISSUES } : { status: 401, json: { message: 'Bad credentials' } },
  'GET /repos/:owner/:repo/issues/:n': (request) => {
    if (!authorized(request)) return { status: 401, json: { message: 'Bad credentials' } };
    const issue = ISSUES.find((candidate) => candidate.number === Number(request.params.n));
    if (!issue) return { status: 404, json: { message: 'Not Found' } };
    return { json: issue, delayMs: issueDelayMs };
  },
});
// The fake records every request; the benchmark does not need them, so do not let them pile up.
const dropRecorded = () => fake.requests.splice(0);

// ---------------------------------------------------------------- bare MCP SDK server

/** The reference: one get_issue tool doing the same fetch, stateless like MCPist's /mcp. */
async function startBareServer() {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/mcp', async (req, res) => {
    const server = new McpServer({ name: 'bare-bench', version: '1.0.0' });
    server.registerTool(
      'get_issue',
      {
        description: 'Reads one GitHub issue by its number.',
        inputSchema: { owner: z.string(), repo: z.string(), issue_number: z.number().int().positive() },
      },
      async ({ owner, repo, issue_number }, extra) => {
        const url = `${fake.url}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues/${issue_number}`;
        const response = await fetch(url, {
          headers: { authorization: `Bearer ${GITHUB_TOKEN}`, accept: 'application/vnd.github+json' },
          signal: extra.signal,
        });
        const text = await response.text();
        return { content: [{ type: 'text', text }], isError: !response.ok };
      },
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      transport.close().catch(() => {});
      server.close().catch(() => {});
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  const notAllowed = (_req, res) => res.status(405).set('Allow', 'POST').end();
  app.get('/mcp', notAllowed);
  app.delete('/mcp', notAllowed);
  const http = await new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
  return {
    url: `http://127.0.0.1:${http.address().port}`,
    close() {
      http.closeAllConnections();
      return new Promise((resolve) => http.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------- run

const toClose = [];
const results = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemMB: MB(os.totalmem()),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadavgAtStart: loadavg(),
  },
  options: { ...options, block: BLOCK, settleMs: SETTLE_MS, gcExposed: typeof globalThis.gc === 'function' },
};

try {
  const startedAt = performance.now();
  const bare = await startBareServer();
  toClose.push(() => bare.close());
  const bareClient = await connect(`${bare.url}/mcp`);
  toClose.push(() => bareClient.close());

  const baseline = await memory();

  const mcpistStart = performance.now();
  const server = await startServer(
    loadConfig({
      env: {},
      cwd: REPO_ROOT,
      overrides: {
        port: 0,
        dataDir: 'memory://',
        logLevel: 'error',
        pluginSettings: { github: { baseUrl: fake.url } },
      },
    }),
    { cwd: REPO_ROOT },
  );
  toClose.push(() => server.close());
  const { token, userId } = await server.container.resolve(Tokens.ApiTokenIssuer).issue('bench@example.com');
  await server.container.resolve(Tokens.TokenBroker).setPersonalToken(userId, 'github', GITHUB_TOKEN);
  const mcpistClient = await connect(`${server.url}/mcp`, { Authorization: `Bearer ${token}` });
  toClose.push(() => mcpistClient.close());
  const mcpistStartMs = performance.now() - mcpistStart;
  // Plugins are auto-discovered from node_modules, as in a default install: record which ones loaded.
  const plugins = server.container.resolve(Tokens.PluginReport);
  results.plugins = {
    loaded: plugins.loaded.map((plugin) => plugin.packageName).join(', '),
    skipped: plugins.failed.map((failure) => failure.packageName).join(', '),
  };

  // Let start-up work that runs off the main thread (V8 tiering up PGlite's WebAssembly) settle,
  // so the idle reading is idle and the first timed calls do not compete with it.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const idle = await memory();

  const params = (i) => ({ owner: OWNER, repo: REPO, issue_number: (i % ISSUES.length) + 1 });
  const viaMcpist = (i) =>
    mcpistClient.callTool({ name: 'call', arguments: { module: 'github', tool: 'get_issue', params: params(i) } });
  const viaBare = (i) => bareClient.callTool({ name: 'get_issue', arguments: params(i) });

  // Sanity: both answer with the issue, not an error.
  const first = await viaMcpist(0);
  if (first.isError || !textOf(first).includes('Issue 1')) {
    throw new Error(`MCPist call did not return the issue: ${textOf(first).slice(0, 500)}`);
  }
  const firstBare = await viaBare(0);
  if (firstBare.isError || !textOf(firstBare).includes('Issue 1')) {
    throw new Error(`bare call did not return the issue: ${textOf(firstBare).slice(0, 500)}`);
  }

  // 1. Per-call latency: warm up both, then alternate blocks so drift (other
  //    processes on the machine, JIT, GC) hits both sides alike.
  const compare = async (mcpistCall, bareCall, count) => {
    await timeCalls(mcpistCall, options.warmup);
    await timeCalls(bareCall, options.warmup);
    const mcpistSamples = [];
    const bareSamples = [];
    for (let done = 0; done < count; done += BLOCK) {
      const size = Math.min(BLOCK, count - done);
      mcpistSamples.push(...(await timeCalls((i) => mcpistCall(done + i), size)));
      bareSamples.push(...(await timeCalls((i) => bareCall(done + i), size)));
      dropRecorded();
    }
    const mcpist = stats(mcpistSamples);
    const bareSdk = stats(bareSamples);
    const overhead = Object.fromEntries(
      ['p50', 'p95', 'p99', 'mean', 'min'].map((key) => [key, round(mcpist[key] - bareSdk[key], 3)]),
    );
    return { mcpist, bareSdk, mcpistOverhead: overhead };
  };
  const callLatency = await compare(viaMcpist, viaBare, options.calls);

  const afterCalls = await memory();

  // 2. Batch fan-out with a slow upstream. First, once without delay: every command must succeed.
  const jsonl = Array.from({ length: BATCH_SIZE }, (_, i) =>
    JSON.stringify({ id: `i${i + 1}`, module: 'github', tool: 'get_issue', params: params(i), output: true }),
  ).join('\n');
  const check = await mcpistClient.callTool({ name: 'batch', arguments: { commands: jsonl, format: 'json' } });
  const statuses = check.isError ? [] : JSON.parse(textOf(check)).status;
  if (statuses.length !== BATCH_SIZE || statuses.some((entry) => entry.status !== 'ok')) {
    throw new Error(`batch did not run every command: ${textOf(check).slice(0, 500)}`);
  }
  issueDelayMs = BATCH_DELAY_MS;
  const batchSamples = [];
  const singleSamples = [];
  for (let run = 0; run < BATCH_RUNS; run++) {
    let started = performance.now();
    const batch = await mcpistClient.callTool({ name: 'batch', arguments: { commands: jsonl } });
    batchSamples.push(performance.now() - started);
    if (batch.isError) throw new Error(`batch failed: ${textOf(batch).slice(0, 500)}`);
    started = performance.now();
    const single = await viaMcpist(run);
    singleSamples.push(performance.now() - started);
    if (single.isError) throw new Error(`delayed call failed: ${textOf(single).slice(0, 500)}`);
  }
  issueDelayMs = 0;
  dropRecorded();

  // Breakdown: a tools/list round trip (no upstream request, no tool runner):
  // how much of the overhead is the request path (auth, per-request server) rather than the call itself.
  const listCount = Math.min(options.calls, 100);
  const listLatency = await compare(
    () => mcpistClient.listTools(),
    () => bareClient.listTools(),
    listCount,
  );

  results.callLatencyMs = {
    ...callLatency,
    note: 'MCPist: meta-tool `call` → github.get_issue (TOON result); bare: McpServer tool doing the same fetch (raw JSON text). Both stateless Streamable HTTP on express, sequential calls from one SDK client.',
  };
  results.listToolsLatencyMs = {
    ...listLatency,
    note: 'tools/list round trip, no upstream request: MCPist lists its 3 meta-tools, the bare server its 1 tool.',
  };
  results.batchFanOutMs = {
    commands: BATCH_SIZE,
    upstreamDelayMs: BATCH_DELAY_MS,
    runs: BATCH_RUNS,
    batch: { min: round(Math.min(...batchSamples)), median: round(median(batchSamples)) },
    singleDelayedCall: { min: round(Math.min(...singleSamples)), median: round(median(singleSamples)) },
    sequentialFloor: BATCH_SIZE * BATCH_DELAY_MS,
  };
  results.memory = {
    baseline,
    mcpistIdle: idle,
    afterCalls,
    mcpistIdleDelta: {
      rssMB: round(idle.rssMB - baseline.rssMB, 1),
      heapUsedMB: round(idle.heapUsedMB - baseline.heapUsedMB, 1),
    },
    callsDelta: {
      rssMB: round(afterCalls.rssMB - idle.rssMB, 1),
      heapUsedMB: round(afterCalls.heapUsedMB - idle.heapUsedMB, 1),
    },
    note: 'One process holds the fake upstream, the bare server, both clients and MCPist (in-memory PGlite). baseline: before MCPist starts; mcpistIdle: MCPist started, token issued, client connected, then 3 s idle; afterCalls: after warm-ups and the timed calls of both servers. Each reading follows a full GC.',
  };
  results.mcpistStartMs = round(mcpistStartMs);
  results.totalSeconds = round((performance.now() - startedAt) / 1000, 1);
  results.machine.loadavgAtEnd = loadavg();

  report(results);
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS_FILE}`);
} catch (error) {
  process.exitCode = 1;
  console.error('benchmark failed:', error);
} finally {
  for (const close of toClose.reverse()) await close().catch(() => {});
  await fake.close();
}

// ---------------------------------------------------------------- output

function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => row[col].length)));
  const line = (row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col])));
  return [
    line(cells[0]).join('  '),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.slice(1).map((row) => line(row).join('  ')),
  ].join('\n');
}

function report(r) {
  const m = r.machine;
  console.log(`MCPist benchmark — ${m.cpus} × ${m.cpuModel}, ${m.platform}, Node ${m.node}`);
  const load = (l) => `${l['1m']} ${l['5m']} ${l['15m']}`;
  console.log(`load average (1/5/15 min) at start ${load(m.loadavgAtStart)}, at end ${load(m.loadavgAtEnd)}`);
  console.log(`MCPist start (in-memory store, plugins, token, client connect): ${r.mcpistStartMs} ms`);
  console.log(`plugins loaded: ${r.plugins.loaded || '(none)'}; skipped: ${r.plugins.skipped || '(none)'}\n`);

  const lat = r.callLatencyMs;
  console.log(`1. Per-call latency, ms (${r.options.calls} sequential calls each after ${r.options.warmup} warm-up)`);
  const row = (name, s) => [name, s.p50, s.p95, s.p99, s.mean, s.min, s.max];
  const overheadRow = (name, o) => [name, o.p50, o.p95, o.p99, o.mean, o.min, ''];
  console.log(
    table(
      ['', 'p50', 'p95', 'p99', 'mean', 'min', 'max'],
      [
        row('MCPist call → get_issue', lat.mcpist),
        row('bare MCP SDK get_issue', lat.bareSdk),
        overheadRow('MCPist overhead', lat.mcpistOverhead),
      ],
    ),
  );
  const list = r.listToolsLatencyMs;
  console.log(`\n   Breakdown: tools/list round trip, ms (${list.mcpist.n} each; no upstream request)`);
  console.log(
    table(
      ['', 'p50', 'p95', 'p99', 'mean', 'min', 'max'],
      [
        row('MCPist tools/list', list.mcpist),
        row('bare MCP SDK tools/list', list.bareSdk),
        overheadRow('MCPist overhead', list.mcpistOverhead),
      ],
    ),
  );

  const b = r.batchFanOutMs;
  console.log(
    `\n2. Batch fan-out, ms (${b.commands} get_issue, upstream delay ${b.upstreamDelayMs} ms each, ${b.runs} runs)`,
  );
  console.log(
    table(
      ['', 'min', 'median'],
      [
        [`batch of ${b.commands}`, b.batch.min, b.batch.median],
        ['one call (same delay)', b.singleDelayedCall.min, b.singleDelayedCall.median],
        ['if run one by one', b.sequentialFloor, b.sequentialFloor],
      ],
    ),
  );

  const mem = r.memory;
  const memRow = (name, s) => [name, s.rssMB, s.heapUsedMB, s.heapTotalMB, s.externalMB];
  console.log(`\n3. Memory of the process, MB (after full GC${r.options.gcExposed ? '' : ' — NOT available'})`);
  console.log(
    table(
      ['', 'rss', 'heapUsed', 'heapTotal', 'external'],
      [
        memRow('baseline (fake + bare server)', mem.baseline),
        memRow('MCPist idle', mem.mcpistIdle),
        memRow('after the calls', mem.afterCalls),
      ],
    ),
  );
  console.log(
    `MCPist idle adds ${mem.mcpistIdleDelta.rssMB} MB RSS, ${mem.mcpistIdleDelta.heapUsedMB} MB heap; ` +
      `the calls add ${mem.callsDelta.rssMB} MB RSS, ${mem.callsDelta.heapUsedMB} MB heap.`,
  );
}
