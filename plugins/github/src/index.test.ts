import { AuthInvalidError, InvalidInputError, isPluginDefinition } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../test/fake-github.js';
import defaultExport, { plugin } from './index.js';

describe('github plugin definition', () => {
  it('is a branded plugin definition, exported by default and by name', () => {
    expect(isPluginDefinition(defaultExport)).toBe(true);
    expect(defaultExport).toBe(plugin);
    expect(plugin).toMatchObject({
      name: 'github',
      upstreamApiVersion: '2022-11-28',
      baseUrl: 'https://api.github.com',
      auth: { token: { helpUrl: 'https://github.com/settings/tokens' }, oauth2: { scopes: ['repo', 'read:user'] } },
      rateLimits: { requestsPerHour: 5000, maxConcurrent: 10 },
    });
  });

  const TOOLS: Array<[name: string, readOnly: boolean, dangerous: boolean]> = [
    ['list_repos', true, false],
    ['get_repo', true, false],
    ['list_branches', true, false],
    ['create_branch', false, false],
    ['list_issues', true, false],
    ['get_issue', true, false],
    ['search_issues', true, false],
    ['create_issue', false, false],
    ['update_issue', false, false],
    ['list_labels', true, false],
    ['add_labels_to_issue', false, false],
    ['list_issue_comments', true, false],
    ['add_issue_comment', false, false],
    ['list_pull_requests', true, false],
    ['get_pull_request', true, false],
    ['get_pull_request_diff', true, false],
    ['create_pull_request', false, false],
    ['list_pull_request_reviews', true, false],
    ['list_pull_request_review_comments', true, false],
    ['create_pull_request_review', false, false],
    ['request_reviewers', false, false],
    ['merge_pull_request', false, true],
    ['list_commits', true, false],
    ['get_file_contents', true, false],
    ['create_or_update_file', false, false],
    ['search_code', true, false],
    ['list_workflow_runs', true, false],
    ['get_workflow_run', true, false],
    ['rerun_workflow_run', false, false],
    ['list_releases', true, false],
    ['get_latest_release', true, false],
    ['list_notifications', true, false],
    ['delete_repository', false, true],
  ];

  it('has exactly these tools', () => {
    expect(plugin.tools.map((tool) => tool.name)).toEqual(TOOLS.map(([name]) => name));
  });

  it.each(TOOLS)('declares %s readOnly=%s dangerous=%s', (name, readOnly, dangerous) => {
    const tool = plugin.tools.find((candidate) => candidate.name === name);
    expect(tool).toMatchObject({ readOnly, dangerous });
  });

  it('returns text from the diff and file tools, records from the others', () => {
    const returns = Object.fromEntries(plugin.tools.map((tool) => [tool.name, tool.returns]));
    expect(returns).toMatchObject({
      get_pull_request_diff: 'text',
      get_file_contents: 'text',
      get_repo: 'record',
      get_pull_request: 'record',
      merge_pull_request: 'record',
      list_pull_requests: 'list',
      list_commits: 'list',
      search_code: 'list',
    });
  });

  it('declares the normalized issue and repo fields', () => {
    const fields = Object.fromEntries(plugin.tools.map((tool) => [tool.name, tool.outputFields]));
    expect(fields.list_issues).toEqual(expect.arrayContaining(['id', 'number', 'title', 'state', 'html_url']));
    expect(fields.get_issue).toEqual(expect.arrayContaining(['id', 'number', 'title', 'state', 'html_url', 'body']));
    expect(fields.list_repos).toEqual(expect.arrayContaining(['id', 'name', 'full_name', 'html_url']));
    expect(fields.get_repo).toEqual(expect.arrayContaining(['id', 'name', 'full_name', 'html_url', 'default_branch']));
    expect(fields.update_issue).toEqual(expect.arrayContaining(['id', 'number', 'title', 'state', 'html_url']));
    for (const tool of ['list_pull_requests', 'get_pull_request', 'create_pull_request']) {
      expect(fields[tool]).toEqual(
        expect.arrayContaining(['id', 'number', 'title', 'state', 'html_url', 'head', 'base', 'merged']),
      );
    }
    expect(fields.list_commits).toEqual(['sha', 'message', 'author', 'date', 'html_url']);
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
