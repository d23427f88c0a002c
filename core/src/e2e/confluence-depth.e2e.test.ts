import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../../../plugins/confluence/test/fake-confluence.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The Confluence tools of issue 17 through a running hub, as a user with the
 * default member role: each test checks the request the fake Confluence
 * received (method, path, body) and the shaped result.
 */

let confluence: FakeConfluence;
let hub: TestHub;
let client: Client;

type Structured = Record<string, unknown> & { items?: Array<Record<string, unknown>> };

async function call(tool: string, params: Record<string, unknown>) {
  const result = await client.callTool({ name: 'call', arguments: { module: 'confluence', tool, params } });
  return { isError: result.isError === true, structured: result.structuredContent as Structured, text: textOf(result) };
}

const sent = () => confluence.requests.map((request) => `${request.method} ${request.path}`);

beforeAll(async () => {
  confluence = await startFakeConfluence({ pages: 2, childPages: 2, comments: 2, versions: 2 });
  hub = await startTestHub({
    plugins: ['@mcpist/plugin-confluence'],
    pluginSettings: { confluence: { baseUrl: confluence.url } },
  });
  await hub.setCredential('atlassian', confluence.token, {
    fields: { email: confluence.seed.email, site: 'acme.atlassian.net' },
  });
  // No grant: the default member role, which masks dangerous tools.
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await confluence?.close();
});

beforeEach(() => {
  confluence.requests.length = 0;
});

describe('the Confluence depth tools through a running hub, as a member', () => {
  it('lists every new tool with readOnly and dangerous as declared, and masks delete_page', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['confluence'] } });
    const tools = (result.structuredContent as { modules: Array<{ tools: Array<Record<string, unknown>> }> }).modules[0]
      ?.tools;
    const flags = Object.fromEntries((tools ?? []).map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]));
    expect(flags).toMatchObject({
      list_comments: [true, false],
      add_comment: [false, false],
      list_child_pages: [true, false],
      list_labels: [true, false],
      add_labels: [false, false],
      list_attachments: [true, false],
      download_attachment: [true, false],
      list_page_versions: [true, false],
    });
    expect(flags).not.toHaveProperty('delete_page');
  });

  it('refuses the dangerous delete_page for a member as an unknown tool, sending nothing', async () => {
    await expect(
      client.callTool({
        name: 'call',
        arguments: { module: 'confluence', tool: 'delete_page', params: { page_id: '3000002' } },
      }),
    ).rejects.toThrow(/unknown tool "delete_page"/);
    expect(confluence.requests).toHaveLength(0);
  });

  it('list_comments: footer comments in storage format, authors by name', async () => {
    const result = await call('list_comments', { page_id: '3000001' });
    expect(sent()).toEqual(['GET /wiki/api/v2/pages/3000001/footer-comments', 'GET /wiki/rest/api/user/bulk']);
    expect(confluence.requests[0]?.query.get('body-format')).toBe('storage');
    expect(result.text).toMatch(/^items\[2\]\{id,author,created,body\}:/);
    expect(result.structured.items?.[0]).toEqual({
      id: '5001',
      author: 'Ada Lovelace',
      created: '2026-01-01T10:00:00Z',
      body: 'Comment 1: **agreed** on Page 1.',
    });
  });

  it('add_comment (write, allowed): POST /footer-comments with the Markdown as storage', async () => {
    const result = await call('add_comment', { page_id: '3000002', body: 'Please add the **rollback** steps.' });
    expect(result.isError).toBe(false);
    expect(confluence.requests[0]).toMatchObject({ method: 'POST', path: '/wiki/api/v2/footer-comments' });
    expect(confluence.requests[0]?.body).toEqual({
      pageId: '3000002',
      body: { representation: 'storage', value: '<p>Please add the <strong>rollback</strong> steps.</p>' },
    });
    expect(result.structured).toMatchObject({ author: 'Ada Lovelace', body: 'Please add the **rollback** steps.' });
  });

  it('list_child_pages: GET …/children in tree order', async () => {
    const result = await call('list_child_pages', { page_id: '3000001' });
    expect(sent()).toEqual(['GET /wiki/api/v2/pages/3000001/children']);
    expect(result.structured.items).toEqual([
      { id: '3000003', title: 'Child 1' },
      { id: '3000004', title: 'Child 2' },
    ]);
  });

  it('add_labels (write, allowed) and list_labels: v1 POST …/label, v2 GET …/labels', async () => {
    const added = await call('add_labels', { page_id: '3000002', labels: ['Incident', 'postmortem'] });
    expect(confluence.requests[0]).toMatchObject({ method: 'POST', path: '/wiki/rest/api/content/3000002/label' });
    expect(confluence.requests[0]?.body).toEqual([
      { prefix: 'global', name: 'incident' },
      { prefix: 'global', name: 'postmortem' },
    ]);
    expect(added.structured).toEqual({ page_id: '3000002', labels: 'incident, postmortem' });

    const listed = await call('list_labels', { page_id: '3000002' });
    expect(confluence.requests[1]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000002/labels' });
    expect(listed.structured.items).toEqual([{ name: 'incident' }, { name: 'postmortem' }]);
  });

  it('list_attachments and download_attachment: the text file comes back as text', async () => {
    const listed = await call('list_attachments', { page_id: '3000001', media_type: 'text/plain' });
    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000001/attachments' });
    expect(confluence.requests[0]?.query.get('mediaType')).toBe('text/plain');
    expect(listed.structured.items).toEqual([
      expect.objectContaining({ id: 'att900001', title: 'notes.txt', media_type: 'text/plain', file_size: 53 }),
    ]);

    confluence.requests.length = 0;
    const downloaded = await call('download_attachment', { attachment_id: 'att900001' });
    expect(sent()).toEqual([
      'GET /wiki/api/v2/attachments/att900001',
      'GET /wiki/rest/api/content/3000001/child/attachment/att900001/download',
      'GET /media/file/0f7c3a52-8d5e-4b1a-9c6e-000000000000/binary',
    ]);
    expect(downloaded.text).toBe('Release checklist\n- tag the build\n- café opens at 9\n');
  });

  it('download_attachment refuses a binary file with 2003 INVALID_PARAMS, downloading nothing', async () => {
    const result = await call('download_attachment', { attachment_id: 'att900002' });
    expect(result.isError).toBe(true);
    expect((result.structured.error as { code?: number } | undefined)?.code).toBe(ErrorCodes.INVALID_PARAMS);
    expect(result.text).toContain('diagram.png is image/png, not text');
    expect(sent()).toEqual(['GET /wiki/api/v2/attachments/att900002']);
  });

  it('list_page_versions: GET …/versions newest first, authors by name', async () => {
    const result = await call('list_page_versions', { page_id: '3000001' });
    expect(confluence.requests[0]).toMatchObject({ method: 'GET', path: '/wiki/api/v2/pages/3000001/versions' });
    expect(confluence.requests[0]?.query.get('sort')).toBe('-modified-date');
    expect(result.structured.items).toEqual([
      { number: 2, created: '2026-01-01T00:00:00Z', author: 'Ada Lovelace', message: null, minor_edit: false },
      { number: 1, created: '2025-12-31T23:00:00Z', author: 'Ada Lovelace', message: 'First draft', minor_edit: false },
    ]);
  });
});
