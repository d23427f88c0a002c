import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CONFLUENCE_ROUTES,
  confluenceError,
  type FakeConfluence,
  rateLimited,
  startFakeConfluence,
} from '../../../plugins/confluence/test/fake-confluence.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The Confluence plugin end to end: a real MCPist server loads it from its
 * package, the official MCP client calls it through the meta-tools, and every
 * upstream request lands on a fake Confluence on loopback.
 */

/** The credential key Confluence shares with Jira (`auth.service`). */
const SERVICE = 'atlassian';
const SPACES = 120;
/** Confluence caps page sizes; this fake caps at 50, so 120 spaces take 3 requests. */
const MAX_PAGE = 50;
const CAPPED_RECORDS = 70;

let confluence: FakeConfluence;
let hub: TestHub;
let capped: TestHub;
let client: Client;

const fields = () => ({ email: confluence.seed.email, site: 'acme.atlassian.net' });

interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
}

async function call(tool: string, params: Record<string, unknown>, on: Client = client) {
  const result = await on.callTool({ name: 'call', arguments: { module: 'confluence', tool, params } });
  return result as ToolResult & Awaited<ReturnType<Client['callTool']>>;
}

beforeAll(async () => {
  confluence = await startFakeConfluence({ spaces: SPACES, pages: 3, maxLimit: MAX_PAGE });
  // A short deadline keeps the rate-limit case fast (a Retry-After of 30 s past it fails at once) while
  // leaving a 500 on a read room for all three attempts, about 1 s apart, even on a busy machine.
  const pluginSettings = { confluence: { baseUrl: confluence.url, timeoutMs: 15_000 } };
  [hub, capped] = await Promise.all([
    startTestHub({ pluginSettings }),
    startTestHub({ pluginSettings, runner: { maxRecords: CAPPED_RECORDS } }),
  ]);
  await hub.setCredential(SERVICE, confluence.token, { fields: fields() });
  // The member role masks dangerous tools; these tests list and run delete_page too.
  await hub.grant(hub.userId, { modules: ['confluence'] });
  await capped.setCredential(SERVICE, confluence.token, { fields: fields() });
  client = await hub.connect();
});

afterAll(async () => {
  await Promise.all([hub?.close(), capped?.close()]);
  await confluence?.close();
});

/** Route counts when the test began: the fake's own counts never reset. */
let baseline = new Map<string, number>();
const countSince = (key: string) => confluence.count(key) - (baseline.get(key) ?? 0);

beforeEach(() => {
  for (const key of Object.values(CONFLUENCE_ROUTES)) confluence.restore(key);
  confluence.requests.length = 0;
  baseline = new Map(Object.values(CONFLUENCE_ROUTES).map((key) => [key, confluence.count(key)]));
});

describe('confluence through a running MCPist server', () => {
  it('lists its tools in get_module_schema, with readOnly and dangerous as declared', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['confluence'] } });
    const schema = result.structuredContent as {
      modules: Array<{ module: string; tools: Array<{ name: string; readOnly: boolean; dangerous: boolean }> }>;
    };
    expect(schema.modules[0]?.module).toBe('confluence');
    const flags = Object.fromEntries(
      (schema.modules[0]?.tools ?? []).map((tool) => [
        tool.name,
        { readOnly: tool.readOnly, dangerous: tool.dangerous },
      ]),
    );
    expect(flags).toEqual({
      list_spaces: { readOnly: true, dangerous: false },
      search: { readOnly: true, dangerous: false },
      get_page: { readOnly: true, dangerous: false },
      create_page: { readOnly: false, dangerous: false },
      update_page: { readOnly: false, dangerous: false },
      delete_page: { readOnly: false, dangerous: true },
      list_comments: { readOnly: true, dangerous: false },
      add_comment: { readOnly: false, dangerous: false },
      list_child_pages: { readOnly: true, dangerous: false },
      list_labels: { readOnly: true, dangerous: false },
      add_labels: { readOnly: false, dangerous: false },
      list_attachments: { readOnly: true, dangerous: false },
      download_attachment: { readOnly: true, dangerous: false },
      list_page_versions: { readOnly: true, dangerous: false },
    });
  });

  it('reads a page (get_page) with the stored Atlassian credential', async () => {
    const result = await call('get_page', { page_id: '3000002', format: 'json' });

    expect(result.isError).toBeFalsy();
    expect(confluence.requests).toHaveLength(1);
    const [request] = confluence.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000002' });
    expect(request?.query.get('body-format')).toBe('storage');
    const basic = Buffer.from(`${confluence.seed.email}:${confluence.token}`).toString('base64');
    expect(request?.headers.authorization).toBe(`Basic ${basic}`);
    expect(result.structuredContent).toMatchObject({
      id: '3000002',
      title: 'Page 2',
      version: 1,
      url: `${confluence.url}/wiki/spaces/DEV/pages/3000002/Page+2`,
      markdown: expect.stringContaining('## Page 2'),
    });
  });

  it('creates a page (create_page) from Markdown, sending storage format', async () => {
    const result = await call('create_page', {
      space_key: 'DEV',
      title: 'Crash on start',
      body: 'Seen in **1.2**:\n\n- open the app\n- it crashes',
    });

    expect(result.isError).toBeFalsy();
    const post = confluence.requests.find((request) => request.method === 'POST');
    expect(post?.path).toBe('/wiki/api/v2/pages');
    expect(post?.body).toEqual({
      spaceId: '98304',
      status: 'current',
      title: 'Crash on start',
      body: {
        representation: 'storage',
        value: '<p>Seen in <strong>1.2</strong>:</p><ul><li>open the app</li><li>it crashes</li></ul>',
      },
    });
    const created = confluence.seed.pages.at(-1);
    expect(textOf(result)).toMatch(/^id: "?\d+"?\ntitle: Crash on start\n/);
    expect(result.structuredContent).toMatchObject({
      id: created?.id,
      title: 'Crash on start',
      url: `${confluence.url}/wiki/spaces/DEV/pages/${created?.id}/Crash+on+start`,
    });
  });

  it('follows pagination to return every space, as a TOON list', async () => {
    const result = await call('list_spaces', {});

    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toMatch(new RegExp(`^items\\[${SPACES}\\]\\{id,key,name,type,status,url\\}:`));
    const items = (result.structuredContent as { items: Array<{ key: string }> }).items;
    expect(new Set(items.map((item) => item.key)).size).toBe(SPACES);
    expect(countSince(CONFLUENCE_ROUTES.listSpaces)).toBe(Math.ceil(SPACES / MAX_PAGE));
  });

  it('stops at the server’s record limit, mid-page, without requesting further pages', async () => {
    const result = await call('list_spaces', {}, await capped.connect());

    expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(CAPPED_RECORDS);
    expect(countSince(CONFLUENCE_ROUTES.listSpaces)).toBe(Math.ceil(CAPPED_RECORDS / MAX_PAGE));
  });

  it('answers a rejected token (401) with 1003 UNAUTHORIZED', async () => {
    const bob = await hub.issueToken('bob@example.com');
    await hub.setCredential(SERVICE, 'ATATT3xRevoked', { userId: bob.userId, fields: fields() });
    const result = await call('get_page', { page_id: '3000001' }, await hub.connect({ token: bob.token }));

    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: { code: ErrorCodes.UNAUTHORIZED } });
    expect(confluence.requests).toHaveLength(1);
  });

  it('answers a missing page (404) with 3001 EXTERNAL_API_ERROR', async () => {
    const result = await call('get_page', { page_id: '999' });

    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^error\[1\]\{code,message\}:\n {2}3001,/);
    expect(result.structuredContent).toMatchObject({ error: { code: ErrorCodes.EXTERNAL_API_ERROR } });
  });

  it('answers 429 with a Retry-After beyond the deadline at once with 3003 RATE_LIMITED', async () => {
    confluence.route(CONFLUENCE_ROUTES.getPage, () => rateLimited(30));
    const result = await call('get_page', { page_id: '3000001' });

    expect(result.structuredContent).toMatchObject({
      error: { code: ErrorCodes.RATE_LIMITED, data: { service: SERVICE, retry_after_ms: 30_000 } },
    });
    expect(countSince(CONFLUENCE_ROUTES.getPage)).toBe(1);
  });

  it('waits out a short Retry-After and succeeds', async () => {
    const original = confluence.defaultRoute(CONFLUENCE_ROUTES.getPage);
    let calls = 0;
    confluence.route(CONFLUENCE_ROUTES.getPage, (request, fake) =>
      ++calls === 1 ? rateLimited(1) : original(request, fake),
    );
    const result = await call('get_page', { page_id: '3000001' });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: '3000001' });
    expect(calls).toBe(2);
  });

  it('retries a 500 on a read, then answers 3001 EXTERNAL_API_ERROR', async () => {
    confluence.route(CONFLUENCE_ROUTES.getPage, () => confluenceError(500));
    const result = await call('get_page', { page_id: '3000001' });

    expect(result.structuredContent).toMatchObject({
      error: { code: ErrorCodes.EXTERNAL_API_ERROR, data: { status: 500 } },
    });
    expect(countSince(CONFLUENCE_ROUTES.getPage)).toBe(3);
  });

  it('shrinks a 50-space list by at least 40% in tokens as TOON, compared to Confluence’s JSON', async () => {
    const before = confluence.sent.length;
    const result = await call('list_spaces', { limit: 50 });
    const bodies = confluence.sent.slice(before).filter((sent) => sent.route === CONFLUENCE_ROUTES.listSpaces);

    expect(bodies).toHaveLength(1);
    expect((JSON.parse(bodies[0]?.body ?? '{}') as { results: unknown[] }).results).toHaveLength(50);
    const toon = textOf(result);
    expect(toon).toMatch(/^items\[50\]\{id,key,name,type,status,url\}:/);
    const rawTokens = encode(bodies[0]?.body ?? '').length;
    const toonTokens = encode(toon).length;
    const savings = 1 - toonTokens / rawTokens;
    console.info(`TOON savings confluence: ${Math.round(savings * 100)}% (${rawTokens} → ${toonTokens} tokens)`);
    expect(savings).toBeGreaterThanOrEqual(0.4);
  });
});
