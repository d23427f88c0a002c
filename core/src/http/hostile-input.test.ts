import { brotliCompressSync, gzipSync } from 'node:zlib';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * The hostile-input suite: requests an attacker (or a broken client) sends to
 * a running hub, each answered with a 4xx naming the problem, never a 5xx,
 * and none writing anything.
 */

let hub: TestHub;
/** A token of bob@example.com, who is not an administrator. */
let userToken: string;
/** Who sends a request: alice (admin), bob (user) or nobody. */
type Caller = 'admin' | 'user' | 'none';
const MEMBER = '00000000-0000-0000-0000-0000000000d1';
const NUL = 'a\u0000b';
const deep = (levels: number, inner = '1') => '{"a":'.repeat(levels) + inner + '}'.repeat(levels);
const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

beforeAll(async () => {
  hub = await startTestHub({ http: { maxBodyBytes: 200_000 } });
  userToken = (await hub.issueToken('bob@example.com')).token;
});
afterAll(async () => hub?.close());

const TABLES = [
  'users',
  'allowed_users',
  'api_tokens',
  'roles',
  'role_permissions',
  'user_roles',
  'module_registry',
  'credentials',
  'oauth_apps',
  'oauth_states',
  'audit_logs',
];

/** Every row of every table MCPist writes, minus the timestamps reads refresh. */
async function storeFingerprint(): Promise<Record<string, string>> {
  const db = hub.server.container.resolve(Tokens.Database);
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const row = `(to_jsonb(t) - 'last_used_at' - 'last_verified_at')::text`;
    const [result] = await db.query<{ n: number; h: string }>(
      `select count(*)::int as n, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as h from public.${table} t`,
    );
    out[table] = `${result?.n}:${result?.h}`;
  }
  return out;
}

interface Sent {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
  body: any;
}

async function send(
  method: string,
  path: string,
  options: { token?: Caller; body?: string | Uint8Array; headers?: Record<string, string> } = {},
): Promise<Sent> {
  const headers: Record<string, string> = {
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(path === '/mcp' ? { accept: 'application/json, text/event-stream' } : {}),
    ...(options.token === 'none'
      ? {}
      : { authorization: `Bearer ${options.token === 'user' ? userToken : hub.token}` }),
    ...options.headers,
  };
  const response = await fetch(`${hub.url}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  // A JSON-RPC answer may come as one SSE event.
  const json = text.startsWith('event:') || text.startsWith('data:') ? /^data: (.*)$/m.exec(text)?.[1] : text;
  let body: unknown;
  try {
    body = json ? JSON.parse(json) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

const json = (value: unknown) => JSON.stringify(value);
const rpc = (method: string, params?: unknown) =>
  json({ jsonrpc: '2.0', id: 1, method, ...(params === undefined ? {} : { params }) });
const plain = json({ display_name: 'plain' });
const rpcPlain = rpc('tools/list');

type ApiCase = [
  name: string,
  method: string,
  path: string,
  body: string | Uint8Array | undefined,
  headers: Record<string, string>,
  token: Caller,
  status: number,
  field: string,
];

const apiCases = (): ApiCase[] => [
  ['gzip claimed, body plain', 'PUT', '/api/profile', plain, { 'content-encoding': 'gzip' }, 'admin', 400, 'body'],
  [
    'deflate claimed, body plain',
    'PUT',
    '/api/profile',
    plain,
    { 'content-encoding': 'deflate' },
    'admin',
    400,
    'body',
  ],
  ['br claimed, body plain', 'PUT', '/api/profile', plain, { 'content-encoding': 'br' }, 'admin', 400, 'body'],
  ['gzip claimed, no token', 'POST', '/api/tokens', plain, { 'content-encoding': 'gzip' }, 'none', 400, 'body'],
  ['unsupported encoding', 'PUT', '/api/profile', plain, { 'content-encoding': 'compress' }, 'admin', 415, 'body'],
  [
    'unsupported charset',
    'PUT',
    '/api/profile',
    plain,
    { 'content-type': 'application/json; charset=klingon' },
    'admin',
    415,
    'body',
  ],
  ['NUL in profile display name', 'PUT', '/api/profile', json({ display_name: NUL }), {}, 'admin', 400, 'display_name'],
  [
    'lone surrogate in display name',
    'PUT',
    '/api/profile',
    '{"display_name":"x\\ud800"}',
    {},
    'admin',
    400,
    'display_name',
  ],
  ['NUL in token name', 'POST', '/api/tokens', json({ name: NUL }), {}, 'admin', 400, 'name'],
  [
    'NUL in role description',
    'POST',
    '/api/roles',
    json({ name: 'nul-role', description: NUL }),
    {},
    'admin',
    400,
    'description',
  ],
  [
    'NUL in role description (patch)',
    'PATCH',
    `/api/roles/${MEMBER}`,
    json({ description: NUL }),
    {},
    'admin',
    400,
    'description',
  ],
  [
    'NUL in user display name',
    'PATCH',
    '/api/users/{alice}',
    json({ display_name: NUL }),
    {},
    'admin',
    400,
    'display_name',
  ],
  [
    'NUL in new user display name',
    'POST',
    '/api/users',
    json({ email: 'nul@example.com', display_name: NUL }),
    {},
    'admin',
    400,
    'display_name',
  ],
  ['NUL in module notes', 'PATCH', '/api/modules/github', json({ notes: NUL }), {}, 'admin', 400, 'notes'],
  ['NUL in module name (path)', 'PATCH', '/api/modules/git%00hub', json({ notes: 'x' }), {}, 'admin', 400, 'path'],
  [
    'NUL in Atlassian token field',
    'PUT',
    '/api/profile/services/atlassian/token',
    json({ token: 'atlassian-token', fields: { email: 'me@acme.com', site: `acme${NUL}.atlassian.net` } }),
    {},
    'admin',
    400,
    'fields.site',
  ],
  [
    'NUL in a token field name',
    'PUT',
    '/api/profile/services/atlassian/token',
    json({ token: 'atlassian-token', fields: { [`e${NUL}`]: 'me@acme.com' } }),
    {},
    'admin',
    400,
    `fields.e${NUL}`,
  ],
  [
    'NUL in the token itself',
    'PUT',
    '/api/profile/services/github/token',
    json({ token: NUL }),
    {},
    'admin',
    400,
    'token',
  ],
  [
    'NUL in OAuth app client id',
    'PUT',
    '/api/oauth-apps/github',
    json({ client_id: NUL }),
    {},
    'admin',
    400,
    'client_id',
  ],
  ['NUL in logs event filter', 'GET', '/api/logs?event=%00', undefined, {}, 'admin', 400, 'event'],
  [
    'NUL in role permissions',
    'PUT',
    `/api/roles/${MEMBER}/permissions`,
    json({ enabled_modules: [NUL] }),
    {},
    'admin',
    400,
    'enabled_modules[0]',
  ],
  ['body nested 10,000 levels', 'POST', '/api/roles', deep(10_000), {}, 'admin', 400, ''],
  ['array nested 10,000 levels', 'POST', '/api/tokens', deepArray(10_000), {}, 'admin', 400, ''],
  ['NUL from a user, own profile', 'PUT', '/api/profile', json({ display_name: NUL }), {}, 'user', 400, 'display_name'],
  ['NUL from a user, admin route', 'PATCH', '/api/modules/github', json({ notes: NUL }), {}, 'user', 403, ''],
  ['NUL without a token', 'PUT', '/api/profile', json({ display_name: NUL }), {}, 'none', 401, ''],
];

describe('hostile input to /api', () => {
  it.each(apiCases())('%s → 4xx naming the field, nothing written', async (...testCase) => {
    const [, method, path, body, headers, token, status, field] = testCase;
    const before = await storeFingerprint();
    const answer = await send(method, path.replace('{alice}', hub.userId), { token, body, headers });
    expect(answer.status).toBe(status);
    if (status === 401 || status === 403) expect(answer.body.error.code).toBe(ErrorCodes.UNAUTHORIZED);
    else expect(answer.body.error).toMatchObject({ code: ErrorCodes.INVALID_PARAMS });
    if (field) expect(answer.body.error.field).toBe(field);
    expect(await storeFingerprint()).toEqual(before);
  });

  it('still accepts honest compressed bodies', async () => {
    const gz = await send('PUT', '/api/profile', {
      body: gzipSync(json({ display_name: 'Gzip' })),
      headers: { 'content-encoding': 'gzip' },
    });
    expect(gz.status).toBe(200);
    expect(gz.body.display_name).toBe('Gzip');
    const br = await send('PUT', '/api/profile', {
      body: brotliCompressSync(json({ display_name: 'Brotli' })),
      headers: { 'content-encoding': 'br' },
    });
    expect(br.body.display_name).toBe('Brotli');
  });
});

type McpCase = [
  name: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
  token: Caller,
  status: number,
  code: number,
];

const mcpHttpCases = (): McpCase[] => [
  ['gzip claimed, body plain', rpcPlain, { 'content-encoding': 'gzip' }, 'admin', 400, -32700],
  ['deflate claimed, body plain', rpcPlain, { 'content-encoding': 'deflate' }, 'admin', 400, -32700],
  ['br claimed, body plain', rpcPlain, { 'content-encoding': 'br' }, 'admin', 400, -32700],
  ['gzip claimed, no token', rpcPlain, { 'content-encoding': 'gzip' }, 'none', 400, -32700],
  ['deflate claimed, no token', rpcPlain, { 'content-encoding': 'deflate' }, 'none', 400, -32700],
  ['unsupported encoding', rpcPlain, { 'content-encoding': 'compress' }, 'admin', 415, -32600],
  ['unsupported charset', rpcPlain, { 'content-type': 'application/json; charset=klingon' }, 'admin', 415, -32600],
  [
    'body nested 10,000 levels',
    rpc('tools/call', { name: 'call', arguments: JSON.parse(deep(100)) }).replace('"a":1', `"a":${deep(9_900)}`),
    {},
    'admin',
    400,
    -32600,
  ],
  ['array nested 10,000 levels', deepArray(10_000), {}, 'admin', 400, -32600],
];

describe('hostile input to /mcp at the HTTP level', () => {
  it.each(mcpHttpCases())('%s → a JSON-RPC error with a 4xx', async (_name, body, headers, token, status, code) => {
    const answer = await send('POST', '/mcp', { token, body, headers });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
  });
});

type ProtocolCase = [name: string, body: string, field: string];

const protocolCases = (): ProtocolCase[] => [
  ['tools/call without params', rpc('tools/call'), 'params'],
  ['tools/call with string params', rpc('tools/call', 'call'), 'params'],
  ['tools/call with string arguments', rpc('tools/call', { name: 'call', arguments: 'x' }), 'params.arguments'],
  ['tools/call with array arguments', rpc('tools/call', { name: 'call', arguments: [1, 2] }), 'params.arguments'],
  ['tools/call with a numeric name', rpc('tools/call', { name: 42, arguments: {} }), 'params.name'],
  ['tools/call without a name', rpc('tools/call', { arguments: {} }), 'params.name'],
  ['tools/list with string params', rpc('tools/list', 'all'), 'params'],
  ['initialize without params', rpc('initialize'), 'params'],
];

describe('JSON-RPC requests with malformed params', () => {
  it.each(protocolCases())('%s → -32602 INVALID_PARAMS naming the field', async (_name, body, field) => {
    const answer = await send('POST', '/mcp', { body });
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.error).toMatchObject({
      code: -32602,
      data: { code: ErrorCodes.INVALID_PARAMS, field },
    });
  });

  it('answers a batch line nested 5,000 levels with 2003 naming the line', async () => {
    const commands = [
      json({ id: 'ok', module: 'github', tool: 'get_issue', params: { owner: 'o', repo: 'r', issue_number: 1 } }),
      `{"id":"deep","module":"github","tool":"get_issue","params":${deep(5_000)}}`,
    ].join('\n');
    const answer = await send('POST', '/mcp', { body: rpc('tools/call', { name: 'batch', arguments: { commands } }) });
    expect(answer.body.error).toMatchObject({ code: -32602, data: { code: ErrorCodes.INVALID_PARAMS, line: 2 } });
  });

  it('gives SDK clients the MCP error prefix once', async () => {
    const client = await hub.connect();
    const failure = await client.callTool({ name: 'call', arguments: { module: 'nope', tool: 'x' } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(McpError);
    expect((failure as McpError).code).toBe(-32602);
    expect((failure as McpError).message).not.toMatch(/MCP error -?\d+: MCP error/);
  });

  it('serves a JSON-RPC batch array of valid requests, or refuses it with a 4xx', async () => {
    const answer = await send('POST', '/mcp', { body: `[${rpc('tools/list')},${rpc('ping')}]` });
    expect(answer.status).toBeLessThan(500);
    const empty = await send('POST', '/mcp', { body: '[]' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe(-32600);
  });

  it.each([
    ['[1, 2]'],
    ['[null]'],
    ['[{}]'],
    ['"tools/list"'],
    ['null'],
    ['42'],
    [`[${rpc('tools/call', { name: 'call', arguments: 'x' })},${rpc('tools/list')}]`],
    [
      `[${rpc('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } })},${rpc('tools/list')}]`,
    ],
    [json({ jsonrpc: '2.0', id: { nested: true }, method: 'tools/list' })],
    [json({ jsonrpc: '1.0', id: 1, method: 'tools/list' })],
  ])('answers the JSON-RPC body %s with a 2xx or 4xx, never a 5xx', async (body) => {
    const answer = await send('POST', '/mcp', { body });
    expect(answer.status).toBeLessThan(500);
  });
});

describe('after all of it', () => {
  it('counted no 5xx answer and is still healthy', async () => {
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).not.toMatch(/mcpist_requests_total\{status="5\d\d"\}/);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
  });
});
