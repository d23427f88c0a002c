import { InvalidInputError, NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('add_labels_to_issue', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const addLabels = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'add_labels_to_issue',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<Record<string, unknown>>;

  it('adds labels, keeping the ones the issue had, and returns them all', async () => {
    github = await startFakeGitHub({ issues: 3 });
    const record = await addLabels({ issue_number: 2, labels: ['documentation', 'needs triage'] });

    expect(github.requests[0]).toMatchObject({
      method: 'POST',
      path: '/repos/octo-org/hello-world/issues/2/labels',
      body: { labels: ['documentation', 'needs triage'] },
    });
    expect(record).toEqual({ issue_number: 2, labels: 'bug, documentation, needs triage' });
    // GitHub creates a label it did not know.
    expect(github.seed.labels.map((label) => label.name)).toContain('needs triage');
  });

  it('answers an unknown issue as not found', async () => {
    github = await startFakeGitHub({ issues: 1 });
    await expect(addLabels({ issue_number: 9, labels: ['bug'] })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an empty list before any request', async () => {
    github = await startFakeGitHub();
    await expect(addLabels({ issue_number: 1, labels: [] })).rejects.toBeInstanceOf(InvalidInputError);
    expect(github.requests).toHaveLength(0);
  });
});
