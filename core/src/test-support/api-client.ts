/** One admin API answer: status, headers, parsed JSON body (undefined when empty) and raw text. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  body: any;
  text: string;
}

export interface ApiRequestOptions {
  /** Bearer token; none is sent when null. */
  token: string | null;
  /** A JSON body, serialised. */
  body?: unknown;
  /** A body sent as given, with `Content-Type: application/json`. */
  rawBody?: string;
}

/** Calls `/api<path>` of a running hub over real HTTP. */
export async function apiRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: ApiRequestOptions,
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.Authorization = `Bearer ${options.token}`;
  let payload: string | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(new URL(`/api${path}`, baseUrl), {
    method: method.toUpperCase(),
    headers,
    body: payload,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** A client bound to one hub and one token. */
export function apiClient(baseUrl: string, token: string | null) {
  return (method: string, path: string, body?: unknown) =>
    apiRequest(baseUrl, method, path, { token, ...(body === undefined ? {} : { body }) });
}
