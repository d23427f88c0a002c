import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub, validationFailed } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('search_code', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const searchCode = (q: string, maxRecords?: number) =>
    runTool(plugin, 'search_code', { q }, { baseUrl: github.url, credential: github.token, maxRecords }) as Promise<
      Record<string, unknown>[]
    >;

  it('sends q and returns one record per matching file', async () => {
    github = await startFakeGitHub();
    const records = await searchCode('greet repo:octo-org/hello-world extension:ts');

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/search/code' });
    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      q: 'greet repo:octo-org/hello-world extension:ts',
      per_page: '100',
    });
    expect(records).toEqual([
      {
        repository: 'octo-org/hello-world',
        path: 'src/index.ts',
        name: 'index.ts',
        sha: expect.stringMatching(/^[0-9a-f]{40}$/),
        html_url: 'https://github.com/octo-org/hello-world/blob/main/src/index.ts',
      },
    ]);
  });

  it('follows pages of results up to the limit', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`lib/file-${i}.ts`, 'export const needle = 1;\n']),
    );
    github = await startFakeGitHub({ files });
    expect(await searchCode('needle')).toHaveLength(150);
    expect(github.count(GITHUB_ROUTES.searchCode)).toBe(2);
    expect(await searchCode('needle', 20)).toHaveLength(20);
    expect(github.count(GITHUB_ROUTES.searchCode)).toBe(3);
  });

  it('maps GitHub’s 422 for a query it cannot run to invalid input', async () => {
    github = await startFakeGitHub();
    github.route(GITHUB_ROUTES.searchCode, () => validationFailed('Search', 'q', 'invalid'));
    await expect(searchCode('repo:nobody/nothing x')).rejects.toMatchObject({ kind: 'invalid_input', field: 'q' });
  });
});
