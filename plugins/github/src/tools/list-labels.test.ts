import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_labels', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listLabels = (maxRecords?: number) =>
    runTool(
      plugin,
      'list_labels',
      { owner: github.seed.owner, repo: github.seed.repo },
      { baseUrl: github.url, credential: github.token, maxRecords },
    ) as Promise<Record<string, unknown>[]>;

  it('lists the labels of a repository by name, colour and description', async () => {
    github = await startFakeGitHub({ labels: 4 });
    const records = await listLabels();

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/labels' });
    expect(records).toEqual([
      { name: 'bug', color: 'd73a4a', description: 'Default bug label' },
      { name: 'enhancement', color: 'a2eeef', description: 'Default enhancement label' },
      { name: 'documentation', color: 'a2eeef', description: 'Default documentation label' },
      { name: 'area-4', color: 'a2eeef', description: 'Work on area 4' },
    ]);
  });

  it('follows pages up to maxRecords', async () => {
    github = await startFakeGitHub({ labels: 101 });
    expect(await listLabels()).toHaveLength(101);
    expect(github.requests).toHaveLength(2);
    github.requests.length = 0;
    expect(await listLabels(100)).toHaveLength(100);
    expect(github.requests).toHaveLength(1);
  });
});
