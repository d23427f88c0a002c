import { spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * Every server scenario of the official MCP conformance suite (suite
 * "active") against MCPist in direct mode, with a test-only plugin providing
 * the tools the suite calls (core/test-fixtures/mcpist-plugin-conformance).
 * The scenarios MCPist does not pass are listed, each with its reason, in
 * conformance-expected-failures.yaml; the suite fails the run when one of
 * them starts passing, so the list cannot go stale.
 */

const CONFORMANCE = createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/dist/index.js');
const EXPECTED_FAILURES = join(REPO_ROOT, 'core/src/http/conformance-expected-failures.yaml');

let hub: TestHub;
let proxy: Server;
let proxyPort = 0;

beforeAll(async () => {
  hub = await startTestHub({ toolMode: 'direct', pluginPaths: [join(REPO_ROOT, 'core/test-fixtures')] });
  // The suite sends no credentials: a loopback proxy adds the bearer token and passes everything else unchanged.
  const target = new URL(hub.url);
  proxy = createServer((req, res) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        setHost: false,
        headers: { ...req.headers, authorization: `Bearer ${hub.token}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await hub?.close();
});

it('passes every active server scenario of the conformance suite but the listed ones', async () => {
  const child = spawn(
    process.execPath,
    [
      CONFORMANCE,
      'server',
      '--url',
      `http://localhost:${proxyPort}/mcp`,
      '--suite',
      'active',
      '--expected-failures',
      EXPECTED_FAILURES,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(output).toMatch(/tools-call-simple-text/);
  expect(code, output).toBe(0);
}, 300_000);
