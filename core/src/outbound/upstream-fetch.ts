import { type PluginError, UpstreamPermanentError, UpstreamTransientError } from '@mcpist/plugin-sdk';
import { type Agent, fetch as undiciFetch } from 'undici';
import { OutboundRefusedError } from './guarded-agent.js';
import { networkFailure } from './network-failure.js';

/** One tool call's upstream traffic: the fetch its handler gets, and what went wrong underneath the SDK. */
export interface UpstreamCall {
  readonly fetch: typeof globalThis.fetch;
  /**
   * The first failure the core saw on this call's requests — an upstream it
   * could not reach, a connection the policy refused, a body cut off or
   * unreadable — whatever the SDK then made of
   * it (Octokit, for one, reads a truncated JSON body as an empty string).
   */
  failure(): PluginError | undefined;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Headers that described the body as it came over the wire, not as the handler receives it. */
const WIRE_HEADERS = ['content-encoding', 'content-length', 'transfer-encoding'];

function requestParts(input: string | URL | Request, init: RequestInit | undefined): [string | URL, RequestInit] {
  if (typeof input === 'string' || input instanceof URL) return [input, init ?? {}];
  const request = input as Request;
  const base: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    redirect: request.redirect,
  };
  if (request.body) base.duplex = 'half';
  return [request.url, { ...base, ...init }];
}

function acceptsOnlyJson(init: RequestInit): boolean {
  const accept = new Headers(init.headers).get('accept') ?? '';
  return /json/i.test(accept) && !/\*\/\*|text\/html/i.test(accept);
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | 'too_large'> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return 'too_large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The base of every handler's `ctx.fetch` (below the rate limiter and the
 * tracing): requests go through the policy-checked agent, and each answer is
 * read whole before the SDK sees it, so a cut-off, oversized or unparseable
 * body is a clear upstream failure here rather than a silent empty result
 * there. No upstream body text ever goes into an error message.
 */
export class UpstreamFetcher {
  constructor(
    private readonly agent: Agent,
    private readonly maxResponseBytes: number,
  ) {}

  /** Closes the pooled upstream connections (at shutdown). */
  async close(): Promise<void> {
    await this.agent.close();
  }

  forCall(): UpstreamCall {
    let failure: PluginError | undefined;
    const fail = (error: PluginError): PluginError => {
      failure ??= error;
      return error;
    };
    const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const [url, options] = requestParts(input, init);
      let response: Response;
      try {
        response = (await undiciFetch(url, {
          ...(options as Parameters<typeof undiciFetch>[1]),
          dispatcher: this.agent,
        })) as unknown as Response;
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof OutboundRefusedError) {
          throw fail(new UpstreamPermanentError(cause.message, { notDelivered: true, cause }));
        }
        // DNS, refused, reset, TLS: named here, before an SDK turns it into something else ("500").
        const unreachable = options.signal?.aborted ? undefined : networkFailure(url, error);
        if (unreachable) throw fail(unreachable);
        throw error;
      }
      const headers = new Headers(response.headers);
      for (const name of WIRE_HEADERS) headers.delete(name);
      const rebuilt = (body: Uint8Array | null) => {
        const copy = new Response(body, { status: response.status, statusText: response.statusText, headers });
        Object.defineProperty(copy, 'url', { value: response.url });
        return copy;
      };
      if (response.body === null || NULL_BODY_STATUSES.has(response.status)) return rebuilt(null);
      let body: Uint8Array | 'too_large';
      try {
        body = await readLimited(response, this.maxResponseBytes);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        throw fail(
          new UpstreamTransientError('the upstream answer was cut off before its end', {
            status: response.status,
            cause: error,
          }),
        );
      }
      if (body === 'too_large') {
        throw fail(
          new UpstreamPermanentError(`the upstream answer is larger than ${this.maxResponseBytes} bytes`, {
            status: response.status,
          }),
        );
      }
      const type = headers.get('content-type') ?? '';
      if (/\bjson\b/i.test(type) && body.byteLength > 0 && !parses(body)) {
        throw fail(
          new UpstreamTransientError('the upstream answered with a body that is not valid JSON', {
            status: response.status,
          }),
        );
      }
      if (response.ok && /text\/html/i.test(type) && acceptsOnlyJson(options)) {
        throw fail(
          new UpstreamTransientError('the upstream answered with an HTML page where JSON was asked for', {
            status: response.status,
          }),
        );
      }
      return rebuilt(body);
    };
    return { fetch: fetch as typeof globalThis.fetch, failure: () => failure };
  }
}

const decoder = new TextDecoder('utf-8', { fatal: false });

function parses(body: Uint8Array): boolean {
  try {
    JSON.parse(decoder.decode(body));
    return true;
  } catch {
    return false;
  }
}
