import type { Dispatcher } from 'undici';

/**
 * A fetch call's arguments as undici's dispatcher API takes them (ADR 0054).
 * What fetch would have added is added here: its default headers, the body's
 * content type (a string is text/plain, URLSearchParams a form, FormData
 * multipart), and its redirect mode as a redirect limit.
 */
export interface DispatchRequest {
  readonly url: URL;
  readonly options: Dispatcher.RequestOptions & { maxRedirections: number; throwOnMaxRedirect: boolean };
  /** `redirect: 'error'`: a redirect answer is a network error, as fetch makes it. */
  readonly refuseRedirects: boolean;
}

/** fetch's limit on followed redirects. */
export const MAX_REDIRECTS = 20;

/** Headers fetch sends unless the caller set them (its `sec-fetch-*` and `accept-language: *` aside). */
const DEFAULT_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['accept', '*/*'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate, br'],
];

type Body = NonNullable<RequestInit['body']>;

/** Lower-cased header names; repeated headers joined as fetch joins them. */
function headerRecord(init: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const out: Record<string, string> = {};
  if (init === undefined) return out;
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const prior = out[key];
    out[key] = prior === undefined ? String(value) : `${prior}, ${value}`;
  };
  if (init instanceof Headers) {
    init.forEach((value, name) => {
      add(name, value);
    });
  } else if (Array.isArray(init)) {
    for (const [name, value] of init as Array<[string, string]>) add(name, value);
  } else {
    for (const name of Object.keys(init)) {
      const value = (init as Record<string, string | undefined>)[name];
      if (value !== undefined) add(name, value);
    }
  }
  return out;
}

/**
 * The body as bytes or a string, with the content type fetch gives it. A
 * string or bytes go as they are; anything else (URLSearchParams, FormData,
 * a Blob, a stream) is encoded by the platform's own body extraction.
 */
async function bodyOf(body: Body): Promise<{ bytes: string | Uint8Array; type: string | null }> {
  if (typeof body === 'string') return { bytes: body, type: 'text/plain;charset=UTF-8' };
  if (body instanceof Uint8Array) return { bytes: body, type: null };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body), type: null };
  if (ArrayBuffer.isView(body))
    return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), type: null };
  const extracted = new Response(body as ConstructorParameters<typeof Response>[0]);
  return { bytes: new Uint8Array(await extracted.arrayBuffer()), type: extracted.headers.get('content-type') };
}

/** The dispatcher request for `fetch(url, init)`; throws a TypeError where fetch would (a bad URL, a body on GET). */
export async function dispatchRequest(url: string | URL, init: RequestInit): Promise<DispatchRequest> {
  const target = typeof url === 'string' ? new URL(url) : url;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError(`fetch failed: unsupported scheme ${target.protocol}`);
  }
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = headerRecord(init.headers);
  for (const [name, value] of DEFAULT_HEADERS) headers[name] ??= value;
  let body: string | Uint8Array | undefined;
  if (init.body !== undefined && init.body !== null) {
    if (method === 'GET' || method === 'HEAD') throw new TypeError('fetch failed: a GET or HEAD request has no body');
    const extracted = await bodyOf(init.body);
    body = extracted.bytes;
    if (extracted.type && headers['content-type'] === undefined) headers['content-type'] = extracted.type;
  }
  const redirect = init.redirect ?? 'follow';
  return {
    url: target,
    refuseRedirects: redirect === 'error',
    options: {
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: method as Dispatcher.HttpMethod,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(init.signal ? { signal: init.signal } : {}),
      maxRedirections: redirect === 'follow' ? MAX_REDIRECTS : 0,
      throwOnMaxRedirect: true,
    },
  };
}
