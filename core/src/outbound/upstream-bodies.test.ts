import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Transport from 'winston-transport';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * Upstream answers that are not what they claim: cut off mid-body, garbage
 * under a JSON content type, an HTML error page where JSON was asked for.
 * Each is a transient upstream failure (3001): retried for reads, sent once
 * for writes, and no fragment of the body reaches the result or the log.
 */

const MARKER = 'UPSTREAM-BODY-FRAGMENT-7c1e';

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;

const behaviours: Record<string, Behaviour> = {
  truncated: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '5000' });
    res.write(`[{"id":1,"number":1,"title":"${MARKER}","state":"open"`);
    setImmediate(() => res.socket?.destroy());
  },
  garbage: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(`{"items": [${MARKER} not json`);
  },
  html: (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><h1>Bad gateway</h1><p>${MARKER}</p></body></html>`);
  },
};

let behaviour = 'truncated';
let requests: Array<{ method: string; url: string }> = [];
let upstream: Server;
let hub: TestHub;
let client: Client;
const logged: string[] = [];

class Capture extends Transport {
  override log(info: unknown, next: () => void) {
    logged.push(JSON.stringify(info));
    next();
  }
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '' });
    req.resume();
    behaviours[behaviour]?.(req, res);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  hub = await startTestHub({
    plugins: ['@mcpist/plugin-github'],
    pluginSettings: { github: { baseUrl: url, timeoutMs: 10_000 } },
    logLevel: 'debug',
  });
  hub.server.container.resolve(Tokens.Logger).add(new Capture({ level: 'debug' }));
  await hub.setCredential('github', 'ghp_bodiesTestToken');
  await hub.grant(hub.userId, { modules: ['github'] });
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

beforeEach(() => {
  requests = [];
  logged.length = 0;
});

async function call(tool: string, params: Record<string, unknown>) {
  const result = await client.callTool({ name: 'call', arguments: { module: 'github', tool, params } });
  return {
    isError: result.isError === true,
    text: JSON.stringify(result),
    code: (result.structuredContent as { error?: { code: number } } | undefined)?.error?.code,
  };
}

describe.each(Object.keys(behaviours))('an upstream answer that is %s', (kind) => {
  it('fails a read with 3001 after retrying, with no body fragment in the result or the log', async () => {
    behaviour = kind;
    const result = await call('list_issues', { owner: 'o', repo: 'r' });
    expect(result.isError).toBe(true);
    expect(result.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(requests.length).toBe(3);
    expect(result.text).not.toContain(MARKER);
    expect(logged.join('\n')).not.toContain(MARKER);
  });

  it('fails a write with 3001 after one attempt', async () => {
    behaviour = kind;
    const result = await call('create_issue', { owner: 'o', repo: 'r', title: 'x' });
    expect(result.isError).toBe(true);
    expect(result.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(requests.length).toBe(1);
    expect(result.text).not.toContain(MARKER);
  });
});
