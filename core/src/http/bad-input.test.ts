import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ http: { maxBodyBytes: 4096 } });
});

afterAll(async () => {
  await hub?.close();
});

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(`${hub.url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${hub.token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });
}

/** Reads a JSON-RPC answer that came as JSON or as one SSE event. */
async function answer(
  response: Response,
): Promise<{ error?: { code: number; message: string; data?: { code?: number } } }> {
  const text = await response.text();
  const data = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '{}');
  return JSON.parse(data);
}

describe('bad input never yields a 500', () => {
  it.each([
    ['invalid JSON', '{"jsonrpc": "2.0", "id": 1, "method":', 400, -32700],
    // Valid JSON that is no request is an Invalid Request (JSON-RPC 2.0 §5.1); SDK v1 said Parse error.
    ['a JSON value that is not JSON-RPC', '{"hello": "world"}', 400, -32600],
    ['a JSON-RPC request with an unknown method', '{"jsonrpc":"2.0","id":1,"method":"tools/explode"}', 200, -32601],
    [
      'an oversized body',
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(8000) } }),
      413,
      -32600,
    ],
  ])('answers %s with a JSON-RPC error', async (_name, body, status, code) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    const { error } = await answer(response);
    expect(error?.code).toBe(code);
    expect(error?.message).toBeTruthy();
  });

  it.each([
    [
      'an unknown tool',
      { name: 'call', arguments: { module: 'github', tool: 'nope' } },
      ErrorCodes.INVALID_TOOL,
      'nope',
    ],
    [
      'params failing the schema',
      { name: 'call', arguments: { module: 'github', tool: 'get_issue', params: { owner: 'o' } } },
      ErrorCodes.INVALID_PARAMS,
      'repo',
    ],
    [
      'a meta-tool argument of the wrong type',
      { name: 'batch', arguments: { commands: 42 } },
      ErrorCodes.INVALID_PARAMS,
      'commands',
    ],
    [
      'an unknown meta-tool argument',
      { name: 'call', arguments: { module: 'github', tool: 'get_issue', extra: 1 } },
      ErrorCodes.INVALID_PARAMS,
      'extra',
    ],
  ])('answers %s with -32602 naming what was wrong', async (_name, params, mcpistCode, named) => {
    const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params }));
    expect(response.status).toBe(200);
    const { error } = await answer(response);
    expect(error?.code).toBe(-32602);
    expect(error?.data?.code).toBe(mcpistCode);
    expect(error?.message).toContain(named);
  });

  it('refuses GET and DELETE on the stateless endpoint with 405', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(`${hub.url}/mcp`, { method, headers: { authorization: `Bearer ${hub.token}` } });
      expect(response.status).toBe(405);
    }
  });

  it('is still healthy afterwards', async () => {
    const response = await fetch(`${hub.url}/health`);
    expect(response.status).toBe(200);
  });
});
