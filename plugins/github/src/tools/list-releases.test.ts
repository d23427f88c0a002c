import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_releases', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listReleases = (maxRecords?: number) =>
    runTool(
      plugin,
      'list_releases',
      { owner: github.seed.owner, repo: github.seed.repo },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('lists releases newest first, prereleases included', async () => {
    github = await startFakeGitHub({ releases: 3 });
    const records = await listReleases();

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/releases' });
    const newest = github.seed.releases[0];
    expect(records[0]).toEqual({
      id: newest?.id,
      tag_name: 'v1.3.0-rc.1',
      name: 'Version 1.3.0 (release candidate)',
      draft: false,
      prerelease: true,
      author: 'octocat',
      published_at: newest?.published_at,
      html_url: 'https://github.com/octo-org/hello-world/releases/tag/v1.3.0-rc.1',
    });
    expect(records.map((record) => record.tag_name)).toEqual(['v1.3.0-rc.1', 'v1.2.0', 'v1.1.0']);
  });

  it('follows pages up to maxRecords', async () => {
    github = await startFakeGitHub({ releases: 130 });
    expect(await listReleases()).toHaveLength(130);
    expect(github.requests).toHaveLength(2);
    github.requests.length = 0;
    expect(await listReleases(20)).toHaveLength(20);
    expect(github.requests.map((request) => request.query.get('per_page'))).toEqual(['20']);
  });
});
