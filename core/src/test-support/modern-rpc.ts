import { TASKS_EXTENSION } from '../mcp/tasks/task-wire.js';

/** A JSON-RPC answer: its result, or its error. */
export type RpcAnswer =
  | { result: Record<string, unknown>; error?: undefined }
  | { result?: undefined; error: { code: number; message: string; data?: unknown } };

/**
 * Sends MCP 2026-07-28 requests over plain HTTP, as a client of the tasks
 * extension does: the SDK v2 client has no runtime for the extension (it
 * refuses `tasks/*` on this revision), so tests speak the wire format.
 * Every request carries the version and capabilities in `_meta` and the
 * `Mcp-Method` / `Mcp-Name` headers.
 */
export function modernRpc(
  baseUrl: string,
  token: string,
  options: { tasks?: boolean; mode?: 'meta' | 'direct' } = {},
): (method: string, params?: Record<string, unknown>) => Promise<RpcAnswer> {
  let id = 0;
  const url = new URL('/mcp', baseUrl);
  if (options.mode) url.searchParams.set('mode', options.mode);
  const capabilities = options.tasks === false ? {} : { extensions: { [TASKS_EXTENSION]: {} } };
  return async (method, params = {}) => {
    const name = typeof params.taskId === 'string' ? params.taskId : params.name;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': method,
        ...(typeof name === 'string' ? { 'mcp-name': name } : {}),
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: ++id,
        method,
        params: {
          ...params,
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientCapabilities': capabilities,
            'io.modelcontextprotocol/clientInfo': { name: 'mcpist-test-raw', version: '1.0.0' },
          },
        },
      }),
    });
    const text = await response.text();
    const json = text.startsWith('event:') || text.startsWith('data:') ? lastEvent(text) : text;
    return JSON.parse(json) as RpcAnswer;
  };
}

function lastEvent(stream: string): string {
  const data = stream
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim());
  return data[data.length - 1] ?? '{}';
}
