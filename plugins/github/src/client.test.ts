import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../test/fake-github.js';
import { plugin } from './index.js';

describe('the GitHub client kept per credential', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  it("sends each concurrent call's requests through that call's own fetch", async () => {
    github = await startFakeGitHub({ issues: 6 });
    const sent: string[][] = [[], [], []];
    const callWith = (index: number, issueNumber: number) =>
      runTool(
        plugin,
        'get_issue',
        { owner: github.seed.owner, repo: github.seed.repo, issue_number: issueNumber },
        {
          baseUrl: github.url,
          credential: github.token,
          fetch: (input, init) => {
            sent[index]?.push(String(input));
            return fetch(input, init);
          },
        },
      );
    const records = await Promise.all([callWith(0, 1), callWith(1, 2), callWith(2, 3), callWith(0, 4)]);

    expect(records.map((record) => (record as { number: number }).number)).toEqual([1, 2, 3, 4]);
    expect(sent.map((urls) => urls.map((url) => url.replace(github.url, '')).sort())).toEqual([
      ['/repos/octo-org/hello-world/issues/1', '/repos/octo-org/hello-world/issues/4'],
      ['/repos/octo-org/hello-world/issues/2'],
      ['/repos/octo-org/hello-world/issues/3'],
    ]);
  });
});
