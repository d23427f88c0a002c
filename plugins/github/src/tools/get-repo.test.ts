import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('get_repo', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const getRepo = (owner: string, repo: string) =>
    runTool(plugin, 'get_repo', { owner, repo }, { baseUrl: github.url, credential: github.token });

  it('reads one repository as a normalized record', async () => {
    github = await startFakeGitHub();
    github.seed.repos[0]?.topics.push('mcp', 'testing');
    const seeded = github.seed.repos[0];
    const record = await getRepo('octo-org', 'hello-world');

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world' });
    expect(record).toEqual({
      id: seeded?.id,
      name: 'hello-world',
      full_name: 'octo-org/hello-world',
      html_url: 'https://github.com/octo-org/hello-world',
      private: false,
      description: 'The hello-world repository',
      updated_at: seeded?.updated_at,
      default_branch: 'main',
      language: 'TypeScript',
      archived: false,
      fork: false,
      stargazers_count: seeded?.stargazers_count,
      forks_count: seeded?.forks_count,
      open_issues_count: 0,
      topics: 'mcp, testing',
      pushed_at: seeded?.pushed_at,
    });
  });

  it('reports an unknown repository as not found', async () => {
    github = await startFakeGitHub();
    await expect(getRepo('octo-org', 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});
