import { AuthInvalidError, InvalidInputError, isPluginDefinition } from '@mcpist/plugin-sdk';
import { expectAnnotationsFollowNames, expectToolTableCurrent, runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../test/fake-github.js';
import defaultExport, { plugin } from './index.js';

describe('github plugin definition', () => {
  it('is the branded default export, and its README lists the tools as the definition declares them', async () => {
    expect(isPluginDefinition(defaultExport)).toBe(true);
    expect(defaultExport).toBe(plugin);
    await expectToolTableCurrent(plugin, new URL('../README.md', import.meta.url));
  });

  it('marks the reads (list, get, search) readOnly, and only deletions and merges dangerous', () => {
    expectAnnotationsFollowNames(plugin, { readOnly: /^(list|get|search)_/, dangerous: /^(delete|merge)_/ });
  });
});

describe('github client', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  it('sends the token, a user agent and the pinned API version through ctx.fetch to the base URL', async () => {
    github = await startFakeGitHub();
    const seen: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    await runTool(
      plugin,
      'get_issue',
      { owner: 'octo-org', repo: 'hello-world', issue_number: 1 },
      {
        baseUrl: `${github.url}/`,
        credential: github.token,
        fetch: countingFetch,
      },
    );

    expect(seen).toEqual([`${github.url}/repos/octo-org/hello-world/issues/1`]);
    const headers = github.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe(`token ${github.token}`);
    expect(headers['user-agent']).toMatch(/^mcpist-plugin-github /);
    expect(headers['x-github-api-version']).toBe('2022-11-28');
  });

  it('calls api.github.com when no base URL override is given', async () => {
    const seen: string[] = [];
    const stubFetch: typeof fetch = async (input) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return Response.json([]);
    };
    await runTool(plugin, 'list_repos', {}, { credential: 'ghp_x', fetch: stubFetch });
    expect(seen).toEqual(['https://api.github.com/user/repos?per_page=100']);
  });

  it('refuses to call GitHub without a credential', async () => {
    github = await startFakeGitHub();
    const error = await runTool(plugin, 'list_repos', {}, { baseUrl: github.url }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(error).toMatchObject({ kind: 'auth_invalid' });
    expect(github.count()).toBe(0);
  });

  it.each([
    ['list_issues', { owner: 'octo-org', repo: 'hello-world', state: 'merged' }, 'state'],
    ['list_issues', { owner: 'octo-org', repo: 'hello-world', since: 'yesterday' }, 'since'],
    ['list_issues', { owner: 'octo org', repo: 'hello-world' }, 'owner'],
    ['get_issue', { owner: 'octo-org', repo: 'hello-world', issue_number: 0 }, 'issue_number'],
    ['get_issue', { owner: 'octo-org', repo: 'hello-world', issue_number: '7' }, 'issue_number'],
    ['create_issue', { owner: 'octo-org', repo: 'hello-world', title: '  ' }, 'title'],
    ['search_issues', { q: '' }, 'q'],
    ['list_repos', { type: 'everything' }, 'type'],
    ['update_issue', { owner: 'octo-org', repo: 'hello-world', issue_number: 1, state: 'merged' }, 'state'],
    ['list_pull_requests', { owner: 'octo-org', repo: 'hello-world', head: 'no-owner-branch' }, 'head'],
    [
      'merge_pull_request',
      { owner: 'octo-org', repo: 'hello-world', pull_number: 1, merge_method: 'ff' },
      'merge_method',
    ],
    ['create_pull_request', { owner: 'octo-org', repo: 'hello-world', title: 'x', base: 'main' }, 'head'],
    ['list_commits', { owner: 'octo-org', repo: 'hello-world', since: 'last week' }, 'since'],
    ['get_pull_request_diff', { owner: 'octo-org', repo: 'hello-world', pull_number: 1, max_chars: 10 }, 'max_chars'],
    ['search_code', { q: ' ' }, 'q'],
    ['delete_repository', { owner: 'octo-org' }, 'repo'],
  ])('%s rejects %j as invalid input (%s)', async (tool, input, field) => {
    github = await startFakeGitHub();
    const error = await runTool(plugin, tool, input, { baseUrl: github.url, credential: github.token }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', field });
    expect(github.count()).toBe(0);
  });
});
