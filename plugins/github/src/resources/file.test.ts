import { completeArgument, readResource } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('github://{owner}/{repo}/{+path}', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  it('reads a nested file with a MIME type from its extension', async () => {
    github = await startFakeGitHub({ files: { 'docs/guide.md': '# Guide\n' } });
    const uri = 'github://octo-org/hello-world/docs/guide.md';
    const contents = await readResource(plugin, uri, { baseUrl: github.url, credential: github.token });
    expect(contents).toEqual({ uri, mimeType: 'text/markdown', text: '# Guide\n' });
  });

  it('completes owners and repository names from the connected account', async () => {
    github = await startFakeGitHub({ repos: 3 });
    const options = { baseUrl: github.url, credential: github.token };
    const repos = await completeArgument(
      plugin,
      { template: 'file' },
      { name: 'repo', value: 'repo-' },
      { owner: 'octocat' },
      options,
    );
    expect([...repos].sort()).toEqual(['repo-1', 'repo-2', 'repo-3']);
    const owners = await completeArgument(
      plugin,
      { prompt: 'triage_issues' },
      { name: 'owner', value: '' },
      {},
      options,
    );
    expect([...owners].sort()).toEqual(['octo-org', 'octocat']);
  });
});
