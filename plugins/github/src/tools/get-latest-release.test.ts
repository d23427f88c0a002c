import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('get_latest_release', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const latest = () =>
    runTool(
      plugin,
      'get_latest_release',
      { owner: github.seed.owner, repo: github.seed.repo },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<Record<string, unknown>>;

  it('reads the latest published release (GitHub skips the prerelease) with notes and assets', async () => {
    github = await startFakeGitHub({ releases: 3 });
    const record = await latest();

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/releases/latest' });
    const release = github.seed.releases[1];
    expect(record).toEqual({
      id: release?.id,
      tag_name: 'v1.2.0',
      name: 'Version 1.2.0',
      draft: false,
      prerelease: false,
      author: 'octocat',
      published_at: release?.published_at,
      html_url: 'https://github.com/octo-org/hello-world/releases/tag/v1.2.0',
      body: "## What's changed\n\n- Change 2\n",
      target_commitish: 'main',
      created_at: release?.created_at,
      assets: 'hello-world-v1.2.0.tgz (1002 bytes)',
    });
  });

  it('answers a repository without releases as not found', async () => {
    github = await startFakeGitHub({ releases: 0 });
    await expect(latest()).rejects.toBeInstanceOf(NotFoundError);
  });
});
