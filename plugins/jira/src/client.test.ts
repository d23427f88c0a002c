import type { ToolContext } from '@mcpist/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { collectPages, DEFAULT_BASE_URL, resolveConnection, siteOrigin } from './client.js';
import { buildUrl, createFetchTransport, retryAfterMs } from './fetch-transport.js';

const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

describe('resolveConnection', () => {
  it.each([
    [
      'a token credential to https://<site> under the default base URL',
      DEFAULT_BASE_URL,
      { kind: 'token', token: 't', fields: { email: 'me@acme.com', site: 'acme.atlassian.net' } },
      {
        apiRoot: 'https://acme.atlassian.net',
        siteUrl: 'https://acme.atlassian.net',
        authorization: basic('me@acme.com', 't'),
      },
    ],
    [
      'the operator override over the site',
      'http://127.0.0.1:9999/',
      { kind: 'token', token: 't', fields: { email: 'me@acme.com', site: 'https://acme.atlassian.net/browse/X-1' } },
      {
        apiRoot: 'http://127.0.0.1:9999',
        siteUrl: 'https://acme.atlassian.net',
        authorization: basic('me@acme.com', 't'),
      },
    ],
    [
      'an OAuth credential to the gateway with its cloud id',
      `${DEFAULT_BASE_URL}/`,
      { kind: 'oauth2', token: 'at', fields: { cloudId: 'abc-123', site: 'acme.atlassian.net' } },
      {
        apiRoot: 'https://api.atlassian.com/ex/jira/abc-123',
        siteUrl: 'https://acme.atlassian.net',
        authorization: 'Bearer at',
      },
    ],
    [
      'a scoped API token with a cloud id to the gateway, with Basic auth',
      DEFAULT_BASE_URL,
      { kind: 'token', token: 't', fields: { email: 'bot@acme.com', cloudId: 'abc-123' } },
      {
        apiRoot: 'https://api.atlassian.com/ex/jira/abc-123',
        siteUrl: undefined,
        authorization: basic('bot@acme.com', 't'),
      },
    ],
  ] as const)('sends %s', (_case, baseUrl, credential, expected) => {
    expect(resolveConnection({ baseUrl, credential })).toEqual(expected);
  });

  it('refuses OAuth without a cloud id as a credential to reconnect', () => {
    expect(() =>
      resolveConnection({ baseUrl: DEFAULT_BASE_URL, credential: { kind: 'oauth2', token: 'at', fields: {} } }),
    ).toThrow(expect.objectContaining({ kind: 'auth_invalid' }));
  });
});

describe('siteOrigin', () => {
  it.each([
    ['acme.atlassian.net', 'https://acme.atlassian.net'],
    [' https://acme.atlassian.net/ ', 'https://acme.atlassian.net'],
    ['https://acme.atlassian.net/browse/DEMO-1', 'https://acme.atlassian.net'],
    ['http://jira.internal:8080', 'http://jira.internal:8080'],
    ['ftp://acme', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (site, expected) => {
    expect(siteOrigin(site)).toBe(expected);
  });
});

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
  it('encodes search params as jira.js does', () => {
    expect(
      buildUrl('https://x', '/rest/api/3/issue/A-1', {
        fields: ['summary', 'status'],
        expand: undefined,
        n: 3,
        o: { a: 1 },
      }),
    ).toBe('https://x/rest/api/3/issue/A-1?fields=summary&fields=status&n=3&o=%7B%22a%22%3A1%7D');
    expect(buildUrl('https://x', 'rest/api/3/myself', {})).toBe('https://x/rest/api/3/myself');
  });

  it('reads Retry-After, else X-RateLimit-Reset', () => {
    const now = Date.parse('2026-11-21T17:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset': '2026-11-21T17:02Z' }), now)).toBe(120_000);
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });

  it('uses a body that does not match jira.js’s schema as it came, and logs which paths differ', async () => {
    const warnings: Array<Record<string, unknown> | undefined> = [];
    const logger: ToolContext['logger'] = {
      debug() {},
      info() {},
      error() {},
      warn: (_m, fields) => warnings.push(fields),
    };
    const transport = createFetchTransport({
      apiRoot: 'https://x',
      authorization: 'Bearer t',
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
