import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('update_issue', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const updateIssue = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'update_issue',
      { owner: github.seed.owner, repo: github.seed.repo, issue_number: 2, ...input },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<Record<string, unknown>>;

  it('PATCHes only the given fields and returns the updated issue', async () => {
    github = await startFakeGitHub({ issues: 3 });
    const record = await updateIssue({ state: 'closed', state_reason: 'not_planned', labels: ['wontfix'] });

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'PATCH', path: '/repos/octo-org/hello-world/issues/2' });
    expect(github.requests[0]?.body).toEqual({ state: 'closed', state_reason: 'not_planned', labels: ['wontfix'] });
    expect(record).toMatchObject({ number: 2, title: 'Issue 2', state: 'closed', labels: 'wontfix' });
    expect(github.seed.issues[1]).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });

  it('renames, rewrites and reassigns', async () => {
    github = await startFakeGitHub({ issues: 3 });
    const record = await updateIssue({ title: 'Renamed', body: 'New text', assignees: ['octocat'] });

    expect(github.requests[0]?.body).toEqual({ title: 'Renamed', body: 'New text', assignees: ['octocat'] });
    expect(record).toMatchObject({ title: 'Renamed', body: 'New text', assignees: 'octocat', state: 'open' });
  });

  it('clears labels with an empty list', async () => {
    github = await startFakeGitHub({ issues: 3 });
    expect(await updateIssue({ labels: [] })).toMatchObject({ labels: '' });
    expect(github.requests[0]?.body).toEqual({ labels: [] });
  });

  it('refuses a call that changes nothing, before any request', async () => {
    github = await startFakeGitHub();
    await expect(updateIssue({})).rejects.toBeInstanceOf(InvalidInputError);
    expect(github.count()).toBe(0);
  });

  it('refuses an unknown state_reason before any request', async () => {
    github = await startFakeGitHub();
    await expect(updateIssue({ state: 'closed', state_reason: 'bored' })).rejects.toMatchObject({
      kind: 'invalid_input',
      field: 'state_reason',
    });
    expect(github.count()).toBe(0);
  });

  it('reports a missing issue as not found', async () => {
    github = await startFakeGitHub({ issues: 1 });
    await expect(updateIssue({ title: 'x' })).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
