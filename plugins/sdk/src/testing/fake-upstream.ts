import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake upstream received, recorded for assertions. */
export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** Values of `:name` segments of the matched route. */
  params: Record<string, string>;
}

/** What a fake route answers. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent as-is when `json` is absent. */
  body?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (to test deadlines); the connection stays open until the client gives up. */
  hang?: boolean;
}

/** Answers one route; may look at every request so far through `fake`. */
export type FakeRoute = (request: FakeRequest, fake: FakeUpstream) => FakeResponse | Promise<FakeResponse>;

/** A fake third-party API served over HTTP on 127.0.0.1. */
export interface FakeUpstream {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: FakeRequest[];
  /** Connections the client closed while a `hang` response was pending. */
  readonly abandoned: number;
  /** Adds or replaces a route, keyed `"METHOD /path/:param"`. */
  route(key: string, handler: FakeRoute): void;
  /** Requests received whose `"METHOD /path"` matched `key` (a route key), or all requests. */
  count(key?: string): number;
  close(): Promise<void>;
}

interface CompiledRoute {
  key: string;
  method: string;
  pattern: RegExp;
  names: string[];
  handler: FakeRoute;
}

function compile(key: string, handler: FakeRoute): CompiledRoute {
  const [method, path] = key.trim().split(/\s+/, 2);
  if (!method || !path?.startsWith('/')) throw new Error(`route key "${key}" must look like "GET /path/:id"`);
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      if (segment === '*') return '.*';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { key, method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), names, handler };
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function send(res: ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload = answer.body ?? '';
  if (answer.json !== undefined) {
    payload = JSON.stringify(answer.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(answer.status ?? 200, headers);
  res.end(payload);
}

/**
 * Starts a fake upstream API on `127.0.0.1:0`. Unmatched requests get a 404
 * JSON body. Close it in `afterEach`/`afterAll`.
 */
export async function startFakeUpstream(routes: Record<string, FakeRoute> = {}): Promise<FakeUpstream> {
  const compiled: CompiledRoute[] = Object.entries(routes).map(([key, handler]) => compile(key, handler));
  const requests: FakeRequest[] = [];
  const matched: string[] = [];
  let abandoned = 0;

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake.local');
    const method = (req.method ?? 'GET').toUpperCase();
    let params: Record<string, string> = {};
    const route = compiled.find((candidate) => {
      if (candidate.method !== method) return false;
      const match = candidate.pattern.exec(url.pathname);
      if (!match) return false;
      params = Object.fromEntries(candidate.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
      return true;
    });
    const request: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(Buffer.concat(chunks).toString('utf8')),
      params,
    };
    requests.push(request);
    matched.push(route?.key ?? `${method} ${url.pathname}`);
    if (!route) {
      send(res, { status: 404, json: { message: `Not Found (no fake route for ${method} ${url.pathname})` } });
      return;
    }
    try {
      const answer = await route.handler(request, fake);
      if (answer.hang) {
        res.on('close', () => {
          abandoned += 1;
        });
        return;
      }
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (!res.destroyed) send(res, answer);
    } catch (error) {
      send(res, { status: 500, json: { message: `fake route threw: ${(error as Error).message}` } });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeUpstream = {
    url: `http://127.0.0.1:${port}`,
    requests,
    get abandoned() {
      return abandoned;
    },
    route(key, handler) {
      const next = compile(key, handler);
      const index = compiled.findIndex((candidate) => candidate.key === next.key);
      if (index >= 0) compiled[index] = next;
      else compiled.push(next);
    },
    count(key) {
      return key === undefined ? requests.length : matched.filter((k) => k === key).length;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
