import { AuthInvalidError, type Credential, InvalidInputError, isPluginDefinition } from '@mcpist/plugin-sdk';
import { expectAnnotationsFollowNames, expectToolTableCurrent, runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConfluence, startFakeConfluence } from '../test/fake-confluence.js';
import defaultExport, { plugin } from './index.js';

describe('confluence plugin definition', () => {
  it('is the branded default export, and its README lists the tools as the definition declares them', async () => {
    expect(isPluginDefinition(defaultExport)).toBe(true);
    expect(defaultExport).toBe(plugin);
    await expectToolTableCurrent(plugin, new URL('../README.md', import.meta.url));
  });

  it('marks the reads (search, get, list, download) readOnly, and only deletions dangerous', () => {
    expectAnnotationsFollowNames(plugin, { readOnly: /^(search$|get_|list_|download_)/, dangerous: /^delete_/ });
  });
});

describe('confluence client', () => {
  let confluence: FakeConfluence;
  afterEach(() => confluence?.close());

  const recording = (seen: string[]): typeof fetch => {
    return (input, init) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
  };

  it('sends Basic email:token through ctx.fetch to the overridden base URL, dropping a trailing /wiki', async () => {
    confluence = await startFakeConfluence();
    const seen: string[] = [];
    await runTool(
      plugin,
      'get_page',
      { page_id: '3000001' },
      { baseUrl: `${confluence.url}/wiki/`, credential: confluence.credential, fetch: recording(seen) },
    );

    expect(seen).toEqual([`${confluence.url}/wiki/api/v2/pages/3000001?body-format=storage`]);
    const expected = Buffer.from(`ada@example.com:${confluence.token}`).toString('base64');
    expect(confluence.requests[0]?.headers.authorization).toBe(`Basic ${expected}`);
    expect(confluence.requests[0]?.headers.accept).toBe('application/json');
  });

  const stub = (seen: Array<{ url: string; authorization: string | null }>): typeof fetch => {
    return async (input, init) => {
      seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      return Response.json({ results: [], _links: {} });
    };
  };

  // How sites are read is @mcpist/atlassian's (siteOrigin); these rows check Confluence calls what it reads.
  it.each([
    ['acme.atlassian.net', 'https://acme.atlassian.net'],
    ['https://Acme.atlassian.net/wiki/', 'https://acme.atlassian.net'],
  ])('calls the credential’s site %j at %s when the base URL is the placeholder', async (site, origin) => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const credential: Credential = { kind: 'token', token: 't', fields: { email: 'ada@example.com', site } };
    await runTool(plugin, 'list_spaces', {}, { credential, fetch: stub(seen) });
    expect(seen.map((request) => request.url)).toEqual([`${origin}/wiki/api/v2/spaces?sort=name&limit=250`]);
  });

  it('calls Atlassian’s gateway with a Bearer token for an OAuth credential with a cloud id', async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const credential: Credential = { kind: 'oauth2', token: 'access', fields: { cloudId: 'c1d2' } };
    await runTool(plugin, 'list_spaces', { limit: 5 }, { credential, fetch: stub(seen) });
    expect(seen).toEqual([
      {
        url: 'https://api.atlassian.com/ex/confluence/c1d2/wiki/api/v2/spaces?sort=name&limit=5',
        authorization: 'Bearer access',
      },
    ]);
  });

  it.each([
    ['no credential', undefined, AuthInvalidError, undefined],
    [
      'a credential without email',
      { kind: 'token', token: 't', fields: { site: 'acme.atlassian.net' } },
      InvalidInputError,
      'email',
    ],
    ['a credential without site', { kind: 'token', token: 't', fields: { email: 'a@b.c' } }, InvalidInputError, 'site'],
    [
      'an OAuth credential without a cloud id',
      { kind: 'oauth2', token: 't', fields: { site: 'acme.atlassian.net' } },
      AuthInvalidError,
      undefined,
    ],
  ] as const)('refuses %s before any request', async (_case, credential, type, field) => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const error = await runTool(plugin, 'list_spaces', {}, { credential, fetch: stub(seen) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(type);
    if (field) expect(error).toMatchObject({ field });
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['get_page', { page_id: 'abc' }, 'page_id'],
    ['get_page', {}, 'page_id'],
    ['create_page', { space_key: 'DEV', title: '  ' }, 'title'],
    ['create_page', { space_key: 'DEV OPS', title: 'T' }, 'space_key'],
    ['create_page', { title: 'No space' }, 'space_key'],
    ['create_page', { space_key: 'DEV', space_id: '98304', title: 'Both' }, 'space_key'],
    ['update_page', { page_id: '3000001' }, 'body'],
    ['search', {}, 'cql'],
    ['search', { text: 'x', type: 'folder' }, 'type'],
    ['list_spaces', { limit: 0 }, 'limit'],
    ['delete_page', { page_id: '12 34' }, 'page_id'],
  ])('%s rejects %j as invalid input (%s) without a request', async (tool, input, field) => {
    confluence = await startFakeConfluence();
    const error = await runTool(plugin, tool, input, {
      baseUrl: confluence.url,
      credential: confluence.credential,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', field });
    expect(confluence.count()).toBe(0);
  });
});
