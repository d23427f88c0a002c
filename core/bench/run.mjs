#!/usr/bin/env node
/**
 * MCPist benchmark (issue 15), loopback only, bounded. `mcpist serve` and a
 * bare MCP SDK server run as separate processes side by side, against one
 * zero-latency fake GitHub in this process; official SDK clients.
 *
 *   npm run bench                                  (builds, runs this, regenerates docs/benchmarks.md)
 *   node core/bench/run.mjs --quick                (small counts, a 20 s soak: a smoke run)
 *   node core/bench/run.mjs --help
 *
 * Writes core/bench/results.json and docs/benchmarks.md. Each section records
 * the machine's load average, so a reader can judge the noise.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { startFakeUpstream } from '../../plugins/sdk/dist/testing/index.js';
import { cpuMs, mcpistCli, rssMB, startBare, startMcpist } from './processes.mjs';
import { measureStartUp } from './start-up.mjs';
import { writeReport } from './write-report.mjs';

const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

// ---------------------------------------------------------------- options

const DEFAULTS = {
  calls: 300, // sequential latency samples per server
  warmup: 50,
  throughputCalls: 800, // calls per concurrency level, server and round
  throughputRounds: 5, // alternating rounds per concurrency level; the median round ratio counts
  throughputWarmup: 800, // untimed calls at 16 clients per server before the throughput levels
  memoryCalls: 10_000, // calls between the two RSS readings, per store
  soakSeconds: 300,
  soakRate: 20, // calls per second during the soak
  startUpRuns: 5,
};
const QUICK = {
  calls: 100,
  warmup: 20,
  throughputCalls: 300,
  throughputRounds: 1,
  throughputWarmup: 300,
  memoryCalls: 1000,
  soakSeconds: 20,
  soakRate: 10,
  startUpRuns: 3,
};
const SKIPPABLE = ['start-up', 'postgres', 'cluster', 'soak'];
const USAGE = `usage: node core/bench/run.mjs [--quick] [--${Object.keys(DEFAULTS)
  .map((key) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))
  .join(' N] [--')} N] [--skip ${SKIPPABLE.join('|')}]...`;

function parseArgs(argv) {
  const options = { ...DEFAULTS, skip: new Set() };
  if (argv.includes('--quick')) Object.assign(options, QUICK);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') continue;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (arg === '--skip') {
      const what = argv[++i];
      if (!SKIPPABLE.includes(what)) fail(`--skip takes one of ${SKIPPABLE.join(', ')}`);
      options.skip.add(what);
      continue;
    }
    const key = arg.replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const value = Number(argv[++i]);
    if (!(key in DEFAULTS) || !arg.startsWith('--')) fail(`unknown argument "${arg}"`);
    if (!Number.isInteger(value) || value < 1 || value > 100_000) fail(`${arg} takes an integer from 1 to 100000`);
    options[key] = value;
  }
  return options;
}
function fail(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}
const options = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------- helpers

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const loadavg = () => os.loadavg().map((value) => round(value));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted, p) {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), 3),
    p99: round(percentile(sorted, 99), 3),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / sorted.length, 3),
    min: round(sorted[0], 3),
  };
}
const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const textOf = (result) => result?.content?.[0]?.text ?? '';
const tokens = (value) => encode(typeof value === 'string' ? value : JSON.stringify(value)).length;

async function connect(url, headers = {}) {
  const client = new Client({ name: 'mcpist-bench', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** Runs `section`, recording the load average before and after it. */
async function measured(name, section) {
  const before = loadavg();
  console.error(`bench: ${name}… (load ${before.join(' ')})`);
  const value = await section();
  return { ...value, loadavg: { before, after: loadavg() } };
}

// ---------------------------------------------------------------- upstream

const OWNER = 'octo-org';
const REPO = 'hello-world';
const GITHUB_TOKEN = 'ghp_benchToken000000000000000000000000000';
const issue = (number) => ({
  id: 2_000_000 + number,
  number,
  title: `Issue ${number}`,
  state: 'open',
  html_url: `https://github.com/${OWNER}/${REPO}/issues/${number}`,
  user: { login: 'octocat' },
  labels: number % 2 === 0 ? [{ name: 'bug' }] : [],
  comments: number % 4,
  created_at: '2026-01-01T00:00:00Z',
  body: `Body of issue ${number}.`,
});
let issueDelayMs = 0;
const authorized = (request) => request.headers.authorization?.replace(/^(token|Bearer) /i, '') === GITHUB_TOKEN;
const fake = await startFakeUpstream({
  'GET /repos/:owner/:repo/issues/:n': (request) =>
    authorized(request)
      ? { json: issue(Number(request.params.n)), delayMs: issueDelayMs }
      : { status: 401, json: { message: 'Bad credentials' } },
});
// The fake records every request; nothing here reads them.
const dropRecorded = setInterval(() => fake.requests.splice(0), 1000);

const params = (i) => ({ owner: OWNER, repo: REPO, issue_number: (i % 50) + 1 });
const viaMcpist = (client) => (i) =>
  client.callTool({ name: 'call', arguments: { module: 'github', tool: 'get_issue', params: params(i) } });
const viaBare = (client) => (i) => client.callTool({ name: 'get_issue', arguments: params(i) });

async function timeCalls(call, count, offset = 0) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await call(offset + i);
    samples.push(performance.now() - started);
    if (result.isError) throw new Error(`tool call failed: ${textOf(result).slice(0, 300)}`);
  }
  return samples;
}

/** Sequential calls alternating in blocks of 25, so drift hits both sides alike; CPU per call from /proc. */
async function compareLatency(sides, count) {
  for (const side of sides) await timeCalls(side.call, options.warmup);
  const samples = sides.map(() => []);
  const cpu = sides.map(() => 0);
  for (let done = 0; done < count; done += 25) {
    for (const [index, side] of sides.entries()) {
      const before = cpuMs(side.pid);
      samples[index].push(...(await timeCalls(side.call, Math.min(25, count - done), done)));
      cpu[index] += cpuMs(side.pid) - before;
    }
  }
  const [mcpist, bare] = samples.map(stats);
  return {
    mcpist,
    bare,
    overhead: { p50: round(mcpist.p50 - bare.p50, 3), p99: round(mcpist.p99 - bare.p99, 3) },
    serverCpuMsPerCall: { mcpist: round(cpu[0] / count, 3), bare: round(cpu[1] / count, 3) },
  };
}

/** `total` calls from `clients` concurrent clients (each its own SDK client); calls/s, failures and, given its pid, the server's CPU per call. */
async function throughput(url, headers, makeCall, clients, total, pid) {
  const connected = await Promise.all(Array.from({ length: clients }, () => connect(url, headers)));
  let next = 0;
  let failures = 0;
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const started = performance.now();
  await Promise.all(
    connected.map(async (client) => {
      const call = makeCall(client);
      while (next < total) {
        const i = next++;
        try {
          if ((await call(i)).isError) failures++;
        } catch {
          failures++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMsPerCall = pid ? round((cpuMs(pid) - cpuBefore) / total, 3) : undefined;
  await Promise.all(connected.map((client) => client.close().catch(() => {})));
  return { callsPerSecond: round(total / seconds, 1), failures, cpuMsPerCall };
}

/**
 * The rest before a memory reading: long enough for `serve`'s idle collector
 * (ADR 0053: one full collection once no request came for 10 s) to have run.
 */
const REST_MS = 12_000;

/** Runs `work`, sampling the process's RSS every 100 ms; the highest reading is the peak. */
async function withPeakRss(pid, work) {
  let peakMB = rssMB(pid);
  const sampler = setInterval(() => {
    peakMB = Math.max(peakMB, rssMB(pid));
  }, 100);
  try {
    const run = await work();
    return { run, peakMB: Math.max(peakMB, rssMB(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

async function callMany(url, headers, count, clients = 16) {
  return throughput(url, headers, viaMcpist, clients, count);
}

// ---------------------------------------------------------------- run

const results = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemMB: Math.round(os.totalmem() / 1024 / 1024),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  },
  options: { ...options, skip: [...options.skip] },
};
const toStop = [];
const scratch = mkdtempSync(join(os.tmpdir(), 'mcpist-bench-'));
const watchdog = setTimeout(
  () => {
    console.error('benchmark: gave up after 60 minutes');
    process.exit(1);
  },
  60 * 60_000 + options.soakSeconds * 1000,
);
watchdog.unref();

// The fake GitHub has no limits: GitHub's declared ones (5,000 requests an hour, 10 at once per credential)
// would refuse the later sections' calls and queue concurrent clients, which is not the gateway's own cost.
const CONFIG_FILE = join(scratch, 'mcpist.config.json');
writeFileSync(
  CONFIG_FILE,
  JSON.stringify({ pluginSettings: { github: { rateLimits: { requestsPerHour: 100_000_000, maxConcurrent: 1000 } } } }),
);

/** A serve process with a token and a github credential for bench@example.com. */
async function mcpistWith(env) {
  env.MCPIST_CONFIG = CONFIG_FILE;
  const server = await startMcpist({ ...env, MCPIST_PLUGIN_GITHUB_BASE_URL: fake.url });
  toStop.push(server.stop);
  const token = mcpistCli(['token', 'create', '--user', 'bench@example.com'], env);
  mcpistCli(['credential', 'set', 'github', '--token', '-', '--user', 'bench@example.com'], env, GITHUB_TOKEN);
  return { ...server, headers: { Authorization: `Bearer ${token}` } };
}

try {
  const bare = await startBare(fake.url, GITHUB_TOKEN);
  toStop.push(bare.stop);
  const embeddedEnv = { MCPIST_DATA_DIR: join(scratch, 'embedded') };
  const mcpist = await mcpistWith(embeddedEnv);
  await sleep(3000); // let start-up work off the main thread (WebAssembly tier-up) settle
  const idleRssMB = rssMB(mcpist.pid);

  const mcpistClient = await connect(`${mcpist.url}/mcp`, mcpist.headers);
  const bareClient = await connect(`${bare.url}/mcp`);
  const sides = [
    { call: viaMcpist(mcpistClient), pid: mcpist.pid },
    { call: viaBare(bareClient), pid: bare.pid },
  ];

  results.latencyEmbedded = await measured('latency, embedded store', () => compareLatency(sides, options.calls));
  results.listTools = await measured('tools/list latency', () =>
    compareLatency(
      [
        { call: () => mcpistClient.listTools().then(() => ({})), pid: mcpist.pid },
        { call: () => bareClient.listTools().then(() => ({})), pid: bare.pid },
      ],
      Math.min(options.calls, 100),
    ),
  );

  results.throughput = await measured('throughput', async () => {
    const levels = [];
    // Rounds alternate between the two servers, so a change in the machine's speed hits both; the median round counts.
    const summary = (runs) => ({
      callsPerSecond: median(runs.map((run) => run.callsPerSecond)),
      rounds: runs.map((run) => run.callsPerSecond),
      failures: runs.reduce((sum, run) => sum + run.failures, 0),
      cpuMsPerCall: median(runs.map((run) => run.cpuMsPerCall)),
    });
    // One untimed round at 16 clients first: both servers' hot paths compiled and their pools grown, as in service.
    await throughput(`${mcpist.url}/mcp`, mcpist.headers, viaMcpist, 16, options.throughputWarmup);
    await throughput(`${bare.url}/mcp`, {}, viaBare, 16, options.throughputWarmup);
    for (const clients of [1, 16, 64]) {
      const total = Math.max(options.throughputCalls, clients * 4);
      const m = [];
      const b = [];
      for (let r = 0; r < options.throughputRounds; r++) {
        m.push(await throughput(`${mcpist.url}/mcp`, mcpist.headers, viaMcpist, clients, total, mcpist.pid));
        b.push(await throughput(`${bare.url}/mcp`, {}, viaBare, clients, total, bare.pid));
      }
      const [mcpistSide, bareSide] = [summary(m), summary(b)];
      levels.push({
        clients,
        calls: total,
        rounds: options.throughputRounds,
        mcpist: mcpistSide,
        bare: bareSide,
        // Each round pairs the two servers back to back, so a change in the machine's speed mostly hits both:
        // the median of the paired ratios, every one listed.
        roundRatios: m.map((run, i) => round(run.callsPerSecond / (b[i]?.callsPerSecond ?? Number.NaN))),
        ratio: median(
          m.map((run, i) => run.callsPerSecond / (b[i]?.callsPerSecond ?? Number.NaN)).map((x) => round(x)),
        ),
      });
    }
    return { levels };
  });

  results.tokens = await measured('context tokens (o200k)', async () => {
    const direct = await connect(`${mcpist.url}/mcp?mode=direct`, mcpist.headers);
    const metaList = (await mcpistClient.listTools()).tools;
    const directList = (await direct.listTools()).tools;
    const schema = async (args) => textOf(await mcpistClient.callTool({ name: 'get_module_schema', arguments: args }));
    const full = await schema({ modules: ['github'] });
    const index = await schema({ modules: ['github'], index: true });
    const named = await schema({ modules: ['github'], tools: ['get_issue'] });
    const callArgs = { module: 'github', tool: 'get_issue', params: params(0) };
    const callResult = textOf(await mcpistClient.callTool({ name: 'call', arguments: callArgs }));
    const directResult = textOf(await direct.callTool({ name: 'github_get_issue', arguments: params(0) }));
    await direct.close();
    const call = tokens(callArgs) + tokens(callResult);
    const directCall = tokens(params(0)) + tokens(directResult);
    const modules = new Set(directList.map((tool) => tool.name.split('_')[0])).size;
    const session = {
      meta: tokens(metaList) + tokens(index) + tokens(named) + 3 * call,
      metaFullSchema: tokens(metaList) + tokens(full) + 3 * call,
      direct: tokens(directList) + 3 * directCall,
    };
    return {
      modules,
      directTools: directList.length,
      metaToolsList: tokens(metaList),
      directToolsList: tokens(directList),
      githubSchemaFull: tokens(full),
      githubIndex: tokens(index),
      githubNamedTool: tokens(named),
      oneCall: call,
      session,
      ratio: round(session.meta / session.direct, 3),
      ratioFullSchema: round(session.metaFullSchema / session.direct, 3),
    };
  });

  results.batch = await measured('batch fan-out', async () => {
    const count = 10;
    const delay = 100;
    const jsonl = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ id: `i${i}`, module: 'github', tool: 'get_issue', params: params(i) }),
    ).join('\n');
    issueDelayMs = delay;
    try {
      const batch = [];
      const sequential = [];
      for (let run = 0; run < 3; run++) {
        let started = performance.now();
        const result = await mcpistClient.callTool({ name: 'batch', arguments: { commands: jsonl } });
        if (result.isError) throw new Error(`batch failed: ${textOf(result).slice(0, 300)}`);
        batch.push(performance.now() - started);
        started = performance.now();
        await timeCalls(sides[0].call, count);
        sequential.push(performance.now() - started);
      }
      return {
        commands: count,
        upstreamDelayMs: delay,
        batchMs: round(median(batch)),
        sequentialMs: round(median(sequential)),
      };
    } finally {
      issueDelayMs = 0;
    }
  });

  results.memoryEmbedded = await measured(`RSS, embedded, ${options.memoryCalls} calls`, async () => {
    await sleep(REST_MS);
    const warm = rssMB(mcpist.pid);
    const { run, peakMB } = await withPeakRss(mcpist.pid, () =>
      callMany(`${mcpist.url}/mcp`, mcpist.headers, options.memoryCalls),
    );
    await sleep(REST_MS);
    const after = rssMB(mcpist.pid);
    return {
      idleMB: idleRssMB,
      warmMB: warm,
      peakMB,
      afterMB: after,
      calls: options.memoryCalls,
      failures: run.failures,
      growthPct: round((100 * (after - warm)) / warm, 1),
    };
  });

  if (!options.skip.has('soak')) {
    results.soak = await measured(`soak, ${options.soakSeconds} s at ${options.soakRate}/s`, async () => {
      const startRss = rssMB(mcpist.pid);
      const call = viaMcpist(mcpistClient);
      let calls = 0;
      let errors = 0;
      const pending = new Set();
      const end = performance.now() + options.soakSeconds * 1000;
      const interval = 1000 / options.soakRate;
      for (let due = performance.now(); due < end; due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const i = calls++;
        const done = call(i)
          .then((result) => {
            if (result.isError) errors++;
          })
          .catch(() => errors++)
          .finally(() => pending.delete(done));
        pending.add(done);
      }
      await Promise.all(pending);
      const endRss = rssMB(mcpist.pid);
      await sleep(REST_MS);
      return {
        seconds: options.soakSeconds,
        rate: options.soakRate,
        calls,
        errors,
        rssStartMB: startRss,
        rssEndMB: endRss,
        // After the rest: the idle collector has run (ADR 0053); a leak would show here, V8's slack would not.
        rssRestedMB: rssMB(mcpist.pid),
      };
    });
  }
  await mcpistClient.close();
  await bareClient.close();
  await mcpist.stop();

  const { postgresUnavailableReason, startTestPostgres } = await import('../src/test-support/postgres-server.ts');
  const { redisUnavailableReason, startTestRedis } = await import('../src/test-support/redis-server.ts');
  const noPostgres = postgresUnavailableReason();
  // A failing section is recorded as such; the others still make the report.
  const section = async (names, work) => {
    try {
      await work();
    } catch (error) {
      console.error(`bench: ${names.join(', ')} failed:`, error);
      process.exitCode = 1;
      for (const name of names) results[name] ??= { skipped: `failed: ${error.message}` };
    }
  };
  await section(['latencyPostgres', 'memoryPostgres', 'cluster'], async () => {
    if (!options.skip.has('postgres') && !noPostgres) {
      const pg = await startTestPostgres();
      toStop.push(() => pg.stop());
      const env = {
        DATABASE_URL: pg.url,
        MCPIST_KEY_FILE: join(scratch, 'pg-keys.json'),
        MCPIST_DATA_DIR: join(scratch, 'pg'),
      };
      const server = await mcpistWith(env);
      await sleep(3000);
      const idle = rssMB(server.pid);
      const client = await connect(`${server.url}/mcp`, server.headers);
      const bareClient2 = await connect(`${bare.url}/mcp`);
      results.latencyPostgres = await measured('latency, PostgreSQL', () =>
        compareLatency(
          [
            { call: viaMcpist(client), pid: server.pid },
            { call: viaBare(bareClient2), pid: bare.pid },
          ],
          options.calls,
        ),
      );
      results.memoryPostgres = await measured(`RSS, PostgreSQL, ${options.memoryCalls} calls`, async () => {
        // Warm as the embedded side is by then: a round at 16 clients grows the pools (database, upstream) to their
        // working size, so the growth below is what calls leave behind, not the pools filling.
        await callMany(`${server.url}/mcp`, server.headers, options.throughputCalls);
        await sleep(REST_MS);
        const warm = rssMB(server.pid);
        const { run, peakMB } = await withPeakRss(server.pid, () =>
          callMany(`${server.url}/mcp`, server.headers, options.memoryCalls),
        );
        await sleep(REST_MS);
        const after = rssMB(server.pid);
        return {
          idleMB: idle,
          warmMB: warm,
          peakMB,
          afterMB: after,
          calls: options.memoryCalls,
          failures: run.failures,
          growthPct: round((100 * (after - warm)) / warm, 1),
        };
      });
      await client.close();
      await bareClient2.close();

      const noRedis = redisUnavailableReason();
      if (!options.skip.has('cluster') && !noRedis) {
        results.cluster = await measured('two instances behind a round-robin proxy', async () => {
          const redis = await startTestRedis();
          toStop.push(() => redis.stop());
          const clusterEnv = { ...env, REDIS_URL: redis.url, MCPIST_CONFIG: CONFIG_FILE };
          const one = await startMcpist({ ...clusterEnv, MCPIST_PLUGIN_GITHUB_BASE_URL: fake.url });
          toStop.push(one.stop);
          const two = await startMcpist({ ...clusterEnv, MCPIST_PLUGIN_GITHUB_BASE_URL: fake.url });
          toStop.push(two.stop);
          const proxy = await roundRobinProxy([one.url, two.url]);
          toStop.push(proxy.close);
          const total = options.throughputCalls;
          const single = await throughput(`${one.url}/mcp`, server.headers, viaMcpist, 16, total);
          const pair = await throughput(`${proxy.url}/mcp`, server.headers, viaMcpist, 16, total);
          return {
            clients: 16,
            calls: total,
            oneInstance: single,
            twoBehindProxy: pair,
            ratio: round(pair.callsPerSecond / single.callsPerSecond),
          };
        });
      } else {
        results.cluster = { skipped: options.skip.has('cluster') ? 'skipped' : noRedis };
      }
      await server.stop();
    } else {
      results.latencyPostgres = { skipped: options.skip.has('postgres') ? 'skipped' : noPostgres };
    }
  });

  if (!options.skip.has('start-up')) {
    await section(['startUp'], async () => {
      results.startUp = await measured('start to healthy (npm start)', () => measureStartUp(options.startUpRuns));
    });
  }
  results.finishedAt = new Date().toISOString();
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  const written = writeReport(results);
  console.error(`bench: wrote ${RESULTS_FILE} and ${written}`);
} catch (error) {
  process.exitCode = 1;
  console.error('benchmark failed:', error);
} finally {
  clearInterval(dropRecorded);
  for (const stop of toStop.reverse()) await stop().catch(() => {});
  await fake.close();
  rmSync(scratch, { recursive: true, force: true });
}

/** A loopback HTTP proxy sending each request to the next of `targets` in turn. */
function roundRobinProxy(targets) {
  let next = 0;
  const server = createServer((req, res) => {
    const target = new URL(req.url, targets[next++ % targets.length]);
    const forward = httpRequest(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(forward);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
