import type { ToolContext } from '@mcpist/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { collectPages } from './client.js';
import { createFetchTransport } from './fetch-transport.js';

describe('collectPages', () => {
  const pages = (sizes: number[]) => {
    const asked: number[] = [];
    const fetchPage = async (index: number, pageSize: number) => {
      asked.push(pageSize);
      const size = Math.min(pageSize, sizes[index] ?? 0);
      return {
        items: Array.from({ length: size }, (_, i) => `${index}.${i}`),
        next: index + 1 < sizes.length ? index + 1 : undefined,
      };
    };
    return { asked, fetchPage };
  };

  it('follows pages to the end', async () => {
    const { asked, fetchPage } = pages([100, 100, 5]);
    const records = await collectPages({ limit: 500, first: 0, fetchPage, toRecord: (item: string) => item });
    expect(records).toHaveLength(205);
    expect(asked).toEqual([100, 100, 100]);
  });

  it('asks each page for no more than is still needed and stops at the limit', async () => {
    const { asked, fetchPage } = pages([100, 100, 100]);
    expect(await collectPages({ limit: 130, first: 0, fetchPage, toRecord: (item: string) => item })).toHaveLength(130);
    expect(asked).toEqual([100, 30]);
  });

  it('stops on an empty page that claims more', async () => {
    const fetchPage = async () => ({ items: [], next: 0 });
    expect(await collectPages({ limit: 10, first: 0, fetchPage, toRecord: (item: never) => item })).toEqual([]);
  });
});

describe('the fetch transport', () => {
  it('uses a body that does not match jira.js’s schema as it came, and logs which paths differ', async () => {
    const warnings: Array<Record<string, unknown> | undefined> = [];
    const logger: ToolContext['logger'] = {
      debug() {},
      info() {},
      error() {},
      warn: (_m, fields) => warnings.push(fields),
    };
    const transport = createFetchTransport({
      connection: { apiRoot: 'https://x', authorization: 'Bearer t' },
      fetch: async () => Response.json({ isLast: 'no', values: [] }),
      signal: new AbortController().signal,
      logger,
    });
    const { z } = await import('@mcpist/plugin-sdk');
    const body = await transport.sendRequest({ url: '/p', schema: z.object({ isLast: z.boolean() }) });
    expect(body).toEqual({ isLast: 'no', values: [] });
    expect(warnings).toEqual([{ endpoint: 'GET /p', paths: ['isLast'] }]);
  });
});
