import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { guardedAgent } from './guarded-agent.js';
import { OutboundPolicy } from './outbound-policy.js';
import { UpstreamFetcher } from './upstream-fetch.js';

/**
 * The core's fetch speaks undici's dispatcher API, not fetch (ADR 0054): what
 * a plugin's SDK relies on fetch for must still hold — redirects followed as
 * fetch follows them, compressed answers decoded, a body's content type, the
 * signal's reason on abort, the final URL.
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Route = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(routes: Record<string, Route>, seen: Seen[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const route = routes[(req.url ?? '').split('?')[0] ?? ''];
      if (route) route(req, res);
      else res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const seen: Seen[] = [];
let main: { server: Server; url: string };
let other: { server: Server; url: string };
let fetcher: UpstreamFetcher;

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));

beforeAll(async () => {
  other = await listen({ '/landing': (_req, res) => json(res, 200, { landed: true }) }, seen);
  main = await listen(
    {
      '/ok': (_req, res) => json(res, 200, { ok: true }, { 'set-cookie': 'a=1', 'x-ratelimit-remaining': '4999' }),
      '/moved': (_req, res) => res.writeHead(301, { location: '/ok' }).end(),
      '/see-other': (_req, res) => res.writeHead(303, { location: '/ok' }).end(),
      '/elsewhere': (_req, res) => res.writeHead(302, { location: `${other.url}/landing` }).end(),
      '/loop': (_req, res) => res.writeHead(302, { location: '/loop-2' }).end(),
      '/loop-2': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
      '/gzip': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
          .end(gzipSync(JSON.stringify({ zipped: true }))),
      '/gone-br': (_req, res) =>
        res
          .writeHead(404, { 'content-type': 'application/json', 'content-encoding': 'br' })
          .end(brotliCompressSync(JSON.stringify({ message: 'Not Found' }))),
      '/empty': (_req, res) => res.writeHead(204).end(),
      '/echo': (_req, res) => json(res, 201, { created: true }),
      '/big': (_req, res) => json(res, 200, { blob: 'x'.repeat(5000) }),
    },
    seen,
  );
  const policy = new OutboundPolicy({ trustedOrigins: [main.url, other.url], allowedHosts: [] });
  fetcher = new UpstreamFetcher(guardedAgent(policy), 4096);
});

afterAll(async () => {
  await fetcher?.close();
  await Promise.all([main, other].map(({ server }) => new Promise((resolve) => server?.close(resolve))));
});

beforeEach(() => {
  seen.length = 0;
});

describe('the core fetch', () => {
  it('answers with a Response: status, headers without the wire encoding, body, url', async () => {
    const response = await fetcher.forCall().fetch(`${main.url}/ok`, { headers: { Accept: 'application/json' } });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${main.url}/ok`);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(response.headers.get('content-length')).toBeNull();
    expect(await response.json()).toEqual({ ok: true });
    expect(seen[0]?.headers.accept).toBe('application/json');
    expect(seen[0]?.headers['user-agent']).toBeTruthy();
  });

  it('follows a redirect as fetch does, and says where it landed', async () => {
    const response = await fetcher.forCall().fetch(`${main.url}/moved`);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.url).toBe(`${main.url}/ok`);
    expect(seen.map((request) => request.url)).toEqual(['/moved', '/ok']);
  });

  it('turns a POST answered with 303 into a GET without the body', async () => {
    const response = await fetcher.forCall().fetch(`${main.url}/see-other`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(seen.map((request) => `${request.method} ${request.url} ${request.body}`)).toEqual([
      'POST /see-other {"a":1}',
      'GET /ok ',
    ]);
    expect(seen[1]?.headers['content-type']).toBeUndefined();
  });

  it('does not carry the credential to another origin on a redirect', async () => {
    const response = await fetcher
      .forCall()
      .fetch(`${main.url}/elsewhere`, { headers: { authorization: 'Bearer ghp_secretToken000000000000000000000000' } });
    expect(await response.json()).toEqual({ landed: true });
    expect(seen[0]?.headers.authorization).toBe('Bearer ghp_secretToken000000000000000000000000');
    expect(seen[1]?.headers.authorization).toBeUndefined();
  });

  it("returns the redirect itself with redirect: 'manual', and refuses it with 'error'", async () => {
    const manual = await fetcher.forCall().fetch(`${main.url}/moved`, { redirect: 'manual' });
    expect(manual.status).toBe(301);
    expect(manual.headers.get('location')).toBe('/ok');
    await expect(fetcher.forCall().fetch(`${main.url}/moved`, { redirect: 'error' })).rejects.toThrow(TypeError);
  });

  it('gives up on a redirect loop with a TypeError, as fetch does', async () => {
    await expect(fetcher.forCall().fetch(`${main.url}/loop`)).rejects.toThrow(TypeError);
  });

  it('decodes compressed answers, error answers too', async () => {
    const zipped = await fetcher.forCall().fetch(`${main.url}/gzip`);
    expect(zipped.headers.get('content-encoding')).toBeNull();
    expect(await zipped.json()).toEqual({ zipped: true });
    const gone = await fetcher.forCall().fetch(`${main.url}/gone-br`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ message: 'Not Found' });
    expect(seen[0]?.headers['accept-encoding']).toMatch(/gzip/);
  });

  it('sends a string body as text and URLSearchParams as a form, unless the caller set the type', async () => {
    const call = fetcher.forCall();
    await call.fetch(`${main.url}/echo`, { method: 'POST', body: 'plain words' });
    await call.fetch(`${main.url}/echo`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh' }) });
    await call.fetch(`${main.url}/echo`, {
      method: 'PATCH',
      headers: new Headers({ 'Content-Type': 'application/json' }),
      body: new TextEncoder().encode('{"b":2}'),
    });
    expect(seen.map((request) => [request.method, request.headers['content-type'], request.body])).toEqual([
      ['POST', 'text/plain;charset=UTF-8', 'plain words'],
      ['POST', 'application/x-www-form-urlencoded;charset=UTF-8', 'grant_type=refresh'],
      ['PATCH', 'application/json', '{"b":2}'],
    ]);
  });

  it('takes a Request as its input', async () => {
    const response = await fetcher
      .forCall()
      .fetch(new Request(`${main.url}/echo`, { method: 'PUT', body: '{"c":3}', headers: { 'x-one': '1' } }));
    expect(response.status).toBe(201);
    expect(seen[0]).toMatchObject({ method: 'PUT', body: '{"c":3}', headers: { 'x-one': '1' } });
  });

  it('gives a 204 a null body', async () => {
    const response = await fetcher.forCall().fetch(`${main.url}/empty`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('refuses a GET with a body, before sending anything', async () => {
    await expect(fetcher.forCall().fetch(`${main.url}/ok`, { body: 'x' })).rejects.toThrow(TypeError);
    expect(seen).toEqual([]);
  });

  it("rejects with the signal's reason when the call is aborted, and sends nothing if it already was", async () => {
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    await expect(fetcher.forCall().fetch(`${main.url}/ok`, { signal: controller.signal })).rejects.toThrow('deadline');
    expect(seen).toEqual([]);
  });

  it('fails an answer larger than the limit as a permanent upstream error, and remembers it', async () => {
    const call = fetcher.forCall();
    await expect(call.fetch(`${main.url}/big`)).rejects.toThrow(/larger than 4096 bytes/);
    expect(call.failure()?.kind).toBe('upstream_permanent');
  });
});
