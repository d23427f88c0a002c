import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('create_pull_request', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const createPull = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'create_pull_request',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token },
    );

  it('POSTs title, head, base, body and draft, and returns the created pull request', async () => {
    github = await startFakeGitHub({ issues: 2 });
    github.seed.branches.push('fix-login');
    const record = await createPull({
      title: 'Fix login',
      head: 'fix-login',
      base: 'main',
      body: 'Fixes #1',
      draft: true,
    });

    expect(github.requests).toHaveLength(1);
    expect(github.requests[0]).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/pulls' });
    expect(github.requests[0]?.body).toEqual({
      title: 'Fix login',
      head: 'fix-login',
      base: 'main',
      body: 'Fixes #1',
      draft: true,
    });
    const created = github.seed.pulls.at(-1);
    expect(record).toEqual({
      id: created?.id,
      number: 3,
      title: 'Fix login',
      state: 'open',
      html_url: 'https://github.com/octo-org/hello-world/pull/3',
      user: 'octocat',
      head: 'fix-login',
      base: 'main',
      draft: true,
      merged: false,
      created_at: created?.created_at,
    });
  });

  it('maps GitHub’s 422 for an unknown head branch to invalid input naming the field', async () => {
    github = await startFakeGitHub();
    const error = await createPull({ title: 'x', head: 'no-such-branch', base: 'main' }).catch((caught) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', status: 422, field: 'head' });
  });

  it('maps “a pull request already exists” to invalid input with GitHub’s reason', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    const error = await createPull({ title: 'again', head: 'feature-1', base: 'main' }).catch((caught) => caught);

    expect(error).toMatchObject({ kind: 'invalid_input', status: 422 });
    expect((error as Error).message).toContain('A pull request already exists for octo-org:feature-1.');
  });
});
