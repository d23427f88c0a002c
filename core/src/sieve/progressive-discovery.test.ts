import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

interface SchemaResult {
  modules: Array<{ module: string; tools: Array<Record<string, unknown>> }>;
  unknown_tools?: string[];
}

describe('get_module_schema: progressive discovery', () => {
  let hub: TestHub;
  let client: Client;
  const schema = async (args: Record<string, unknown>) => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: args });
    return { value: result.structuredContent as SchemaResult, text: JSON.stringify(result.structuredContent) };
  };

  beforeAll(async () => {
    hub = await startTestHub();
    client = await hub.connect();
  }, 60_000);
  afterAll(() => hub?.close());

  it('an index names every tool with one line, and the named tools come back whole', async () => {
    const full = await schema({ modules: ['github'] });
    const index = await schema({ modules: ['github'], index: true });
    const names = full.value.modules[0]?.tools.map((tool) => tool.name);
    expect(index.value.modules[0]?.tools.map((tool) => tool.name)).toEqual(names);
    for (const entry of index.value.modules[0]?.tools ?? []) {
      expect(Object.keys(entry).sort()).toEqual(expect.arrayContaining(['name', 'summary']));
      expect(entry).not.toHaveProperty('inputSchema');
      expect(String(entry.summary)).not.toContain('\n');
    }
    for (const tool of full.value.modules[0]?.tools ?? []) {
      const entry = index.value.modules[0]?.tools.find((candidate) => candidate.name === tool.name);
      expect(entry?.dangerous ?? false).toBe(tool.dangerous);
      expect(entry?.readOnly ?? false).toBe(tool.readOnly);
    }

    const named = await schema({ modules: ['github'], tools: ['list_issues', 'get_issue', 'no_such_tool'] });
    expect(named.value.modules[0]?.tools.map((tool) => tool.name)).toEqual(['list_issues', 'get_issue']);
    expect(named.value.modules[0]?.tools[0]).toEqual(
      full.value.modules[0]?.tools.find((tool) => tool.name === 'list_issues'),
    );
    expect(named.value.unknown_tools).toEqual(['no_such_tool']);
    expect(index.text.length + named.text.length).toBeLessThan(full.text.length / 2);
  });

  it('definitions carry no pattern beside a format, and the listing tells the model how to ask', async () => {
    const full = await schema({ modules: ['github'] });
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.format === 'string') expect(record).not.toHaveProperty('pattern');
      expect(record).not.toHaveProperty('$schema');
      for (const child of Object.values(record)) walk(child);
    };
    walk(full.value);
    const { tools } = await client.listTools();
    const description = tools.find((tool) => tool.name === 'get_module_schema')?.description ?? '';
    expect(description).toContain('"index":true');
    expect(description).toContain('"tools":["list_issues"]');
  });

  it('refuses arguments of the wrong shape, naming the field', async () => {
    const refused = await client
      .callTool({ name: 'get_module_schema', arguments: { modules: ['github'], tools: [] } })
      .then(
        () => undefined,
        (error: Error) => error.message,
      );
    expect(refused).toMatch(/tools/);
  });
});
