import { type PluginError, UpstreamPermanentError, UpstreamTransientError } from '@mcpist/plugin-sdk';
import { type Agent, type Dispatcher, interceptors } from 'undici';
import { bufferedResponse } from './buffered-response.js';
import { dispatchRequest } from './dispatch-request.js';
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
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Headers that described the body as it came over the wire, not as the handler receives it. */
const WIRE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

function requestParts(input: string | URL | Request, init: RequestInit | undefined): [string | URL, RequestInit] {
  if (typeof input === 'string' || input instanceof URL) return [input, init ?? {}];
  const request = input as Request;
  const base: RequestInit = {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    redirect: request.redirect,
  };
  return [request.url, { ...base, ...init }];
}

function acceptsOnlyJson(headers: Record<string, string>): boolean {
  const accept = headers.accept ?? '';
  return /json/i.test(accept) && !/\*\/\*|text\/html/i.test(accept);
}

/** The answer's headers as the handler sees them: without those that described the encoded body. */
function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const name of Object.keys(raw)) {
    const value = raw[name];
    if (value === undefined || WIRE_HEADERS.has(name)) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  return headers;
}

/** The last URL of a followed redirect chain (undici records each hop), else the one asked for. */
function finalUrl(context: object | undefined, asked: URL): string {
  const history = (context as { history?: readonly URL[] } | undefined)?.history;
  return String(history?.at(-1) ?? asked);
}

async function readLimited(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array | 'too_large'> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) return 'too_large';
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, total);
}

/**
 * The base of every handler's `ctx.fetch` (below the rate limiter and the
 * tracing): a fetch over undici's dispatcher API (ADR 0054) through the
 * policy-checked agent, following redirects and decoding compressed answers
 * as fetch does. Each answer is read whole before the SDK sees it, so a
 * cut-off, oversized or unparseable body is a clear upstream failure here
 * rather than a silent empty result there. No upstream body text ever goes
 * into an error message.
 */
export class UpstreamFetcher {
  private readonly dispatcher: Dispatcher;

  constructor(
    private readonly agent: Agent,
    private readonly maxResponseBytes: number,
  ) {
    // Error answers are decoded too: an SDK reads GitHub's gzipped 404 body for its message.
    this.dispatcher = agent.compose(interceptors.redirect(), interceptors.decompress({ skipErrorResponses: false }));
  }

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
      const signal = options.signal ?? undefined;
      signal?.throwIfAborted();
      const request = await dispatchRequest(url, options);
      let answer: Dispatcher.ResponseData;
      try {
        answer = await this.dispatcher.request(request.options);
      } catch (error) {
        // As fetch: an aborted request rejects with the signal's reason.
        if (signal?.aborted) throw signal.reason;
        const refused = error instanceof OutboundRefusedError ? error : (error as { cause?: unknown }).cause;
        if (refused instanceof OutboundRefusedError) {
          throw fail(new UpstreamPermanentError(refused.message, { notDelivered: true, cause: refused }));
        }
        // DNS, refused, reset, TLS: named here, before an SDK turns it into something else ("500").
        const unreachable = networkFailure(request.url, error);
        if (unreachable) throw fail(unreachable);
        throw new TypeError('fetch failed', { cause: error });
      }
      // Errors on the body surface through the read below; one after it (a late abort) has no one to tell.
      answer.body.on('error', () => {});
      const { statusCode: status } = answer;
      const headers = responseHeaders(answer.headers);
      const rebuilt = (body: Uint8Array | null) =>
        bufferedResponse(
          body,
          { status, statusText: answer.statusText ?? '', headers },
          finalUrl(answer.context, request.url),
        );
      if (request.refuseRedirects && REDIRECT_STATUSES.has(status) && headers.has('location')) {
        answer.body.dump().catch(() => {});
        throw new TypeError('fetch failed', { cause: new Error(`unexpected redirect (HTTP ${status})`) });
      }
      if (NULL_BODY_STATUSES.has(status) || request.options.method === 'HEAD') {
        answer.body.dump().catch(() => {});
        return rebuilt(null);
      }
      let body: Uint8Array | 'too_large';
      try {
        body = await readLimited(answer.body, this.maxResponseBytes);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw fail(
          new UpstreamTransientError('the upstream answer was cut off before its end', { status, cause: error }),
        );
      }
      if (body === 'too_large') {
        throw fail(
          new UpstreamPermanentError(`the upstream answer is larger than ${this.maxResponseBytes} bytes`, { status }),
        );
      }
      const type = headers.get('content-type') ?? '';
      if (/\bjson\b/i.test(type) && body.byteLength > 0 && !parses(body)) {
        throw fail(new UpstreamTransientError('the upstream answered with a body that is not valid JSON', { status }));
      }
      if (
        status >= 200 &&
        status < 300 &&
        /text\/html/i.test(type) &&
        acceptsOnlyJson(request.options.headers as Record<string, string>)
      ) {
        throw fail(
          new UpstreamTransientError('the upstream answered with an HTML page where JSON was asked for', { status }),
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
