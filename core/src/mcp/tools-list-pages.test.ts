import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/** Direct mode lists tools a page at a time; clients of both eras follow `nextCursor` to the same full list. */

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ toolMode: 'direct', listPageSize: 10 });
});

afterAll(async () => {
  await hub?.close();
});

describe('tools/list in direct mode', () => {
  it('pages by cursor, and both eras see the same tools', async () => {
    const legacy = await hub.connect();
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await legacy.listTools(cursor === undefined ? {} : { cursor });
      pages.push(page.tools.map((tool) => tool.name));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    const names = pages.flat();
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((page) => page.length > 0 && page.length <= 10)).toBe(true);
    expect(new Set(names).size).toBe(names.length);

    // The v2 client walks every page itself.
    const modern = await hub.connectModern();
    expect((await modern.listTools()).tools.map((tool) => tool.name)).toEqual(names);
  });

  it("lists every tool with its plugin's icon (MCP 2025-11-25), for both eras", async () => {
    const legacy = await hub.connect();
    const modern = await hub.connectModern();
    const { tools } = await modern.listTools();
    const github = tools.find((tool) => tool.name === 'github_list_issues');
    expect(github?.icons?.[0]).toMatchObject({ mimeType: 'image/svg+xml', sizes: ['any'] });
    expect(github?.icons?.[0]?.src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(tools.every((tool) => (tool.icons?.length ?? 0) > 0)).toBe(true);
    const first = await legacy.listTools();
    expect(first.tools[0]?.icons).toEqual(tools[0]?.icons);
  });

  it('refuses a cursor it did not hand out with -32602', async () => {
    const client = await hub.connect();
    for (const cursor of ['nonsense', 'mcpist-p1.LTE', 'mcpist-p1.OTk5OTk5']) {
      const error = await client.listTools({ cursor }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, cursor).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(-32602);
    }
  });
});
