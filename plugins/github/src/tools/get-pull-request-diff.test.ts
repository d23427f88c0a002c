import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('get_pull_request_diff', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const getDiff = (input: Record<string, unknown> = {}) =>
    runTool(
      plugin,
      'get_pull_request_diff',
      { owner: github.seed.owner, repo: github.seed.repo, pull_number: 1, ...input },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<string>;

  /** A diff of `files` files, each about `lines` changed lines long. */
  const bigDiff = (files: number, lines: number) =>
    Array.from(
      { length: files },
      (_, i) =>
        `diff --git a/f${i}.txt b/f${i}.txt\n--- a/f${i}.txt\n+++ b/f${i}.txt\n@@ -1,${lines} +1,${lines} @@\n` +
        `${'+a changed line of text\n'.repeat(lines)}`,
    ).join('');

  it('asks for the diff media type and returns the unified diff text', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    const diff = await getDiff();

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/repos/octo-org/hello-world/pulls/1' });
    expect(github.requests[0]?.headers.accept).toBe('application/vnd.github.v3.diff');
    expect(diff).toBe(github.seed.pulls[0]?.diff);
    expect(diff).toContain('-old line of #1\n+new line of #1\n');
  });

  it('keeps the whole files that fit and names the ones left out', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    const pull = github.seed.pulls[0];
    if (pull) pull.diff = bigDiff(10, 100); // about 2,400 characters a file
    const diff = await getDiff({ max_chars: 5_000 });

    expect(diff.length).toBeLessThan(5_500);
    expect(diff).toContain('diff --git a/f1.txt');
    expect(diff).not.toContain('diff --git a/f2.txt');
    expect(diff).toMatch(
      /\[Diff truncated: showing \d+ of \d+ characters, 2 of 10 files in full\. Not shown: f2\.txt, f3\.txt,/,
    );
    expect(diff).toContain('f9.txt.');
  });

  it('cuts a single huge file at a line end', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    const pull = github.seed.pulls[0];
    if (pull) pull.diff = bigDiff(1, 1_000);
    const diff = await getDiff({ max_chars: 2_000 });
    const [kept = '', note = ''] = diff.split('[Diff truncated');

    expect(kept.endsWith('+a changed line of text\n')).toBe(true);
    expect(note).toContain('0 of 1 files in full. f0.txt is cut short.');
  });

  it('says so when the pull request changes nothing', async () => {
    github = await startFakeGitHub({ issues: 0, pullRequests: 1 });
    const pull = github.seed.pulls[0];
    if (pull) pull.diff = '';
    expect(await getDiff()).toBe('The pull request changes no files.');
  });

  it('reports a missing pull request as not found', async () => {
    github = await startFakeGitHub({ pullRequests: 0 });
    await expect(getDiff({ pull_number: 7 })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
