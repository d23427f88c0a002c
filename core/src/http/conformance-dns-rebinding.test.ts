import { spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * The official MCP conformance suite's `dns-rebinding-protection` scenario
 * against a running hub. The suite sends no credentials, so it talks to a
 * loopback proxy that adds the bearer token and passes everything else —
 * Host and Origin included — through unchanged.
 */

const CONFORMANCE = createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/dist/index.js');

let hub: TestHub;
let proxy: Server;
let proxyPort = 0;

beforeAll(async () => {
  hub = await startTestHub();
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

it('passes the conformance scenario dns-rebinding-protection', async () => {
  const child = spawn(
    process.execPath,
    [CONFORMANCE, 'server', '--url', `http://localhost:${proxyPort}/mcp`, '--scenario', 'dns-rebinding-protection'],
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
  expect(output).toMatch(/localhost-host-rebinding-rejected/);
  expect(output).not.toMatch(/FAIL/);
  expect(code, output).toBe(0);
}, 60_000);
