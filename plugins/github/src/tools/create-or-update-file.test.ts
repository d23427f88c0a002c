import { InvalidInputError, NotFoundError, type ToolLogger, UpstreamPermanentError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { blobSha } from '../../test/fake-github-git-data.js';
import { plugin } from '../index.js';

describe('create_or_update_file', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  let logged: Array<[level: string, message: string]> = [];
  const logger = Object.fromEntries(
    ['debug', 'info', 'warn', 'error'].map((level) => [level, (message: string) => logged.push([level, message])]),
  ) as unknown as ToolLogger;

  const commit = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'create_or_update_file',
      { owner: github.seed.owner, repo: github.seed.repo, message: 'Add notes', ...input },
      { baseUrl: github.url, credential: github.token, logger },
    ) as Promise<Record<string, unknown>>;

  it('creates a new file: looks for it (404), then PUTs the text as base64 without a sha', async () => {
    github = await startFakeGitHub();
    logged = [];
    const record = await commit({ path: '/docs/notes.md', content: 'Hello, Grüße!\n' });

    expect(github.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /repos/octo-org/hello-world/contents/docs%2Fnotes.md',
      'PUT /repos/octo-org/hello-world/contents/docs%2Fnotes.md',
    ]);
    expect(github.requests[1]?.body).toEqual({
      message: 'Add notes',
      content: Buffer.from('Hello, Grüße!\n').toString('base64'),
    });
    expect(github.seed.files['docs/notes.md']).toBe('Hello, Grüße!\n');
    // The expected 404 of the lookup is no error for the operator's log.
    expect(logged.filter(([level]) => level === 'error')).toEqual([]);
    expect(logged.some(([level, message]) => level === 'debug' && / - 404 with id /.test(message))).toBe(true);
    expect(record).toEqual({
      path: 'docs/notes.md',
      branch: null,
      created: true,
      sha: blobSha('Hello, Grüße!\n'),
      commit_sha: github.seed.branchHeads.main,
      commit_url: `https://github.com/octo-org/hello-world/commit/${github.seed.branchHeads.main}`,
      html_url: 'https://github.com/octo-org/hello-world/blob/main/docs/notes.md',
    });
  });

  it('replaces an existing file on a branch with the sha it looked up', async () => {
    github = await startFakeGitHub({ pullRequests: 1 });
    const before = blobSha(github.seed.files['README.md'] as string);
    const record = await commit({ path: 'README.md', content: '# New\n', branch: 'feature-4' });

    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({ ref: 'feature-4' });
    expect(github.requests[1]?.body).toEqual({
      message: 'Add notes',
      content: Buffer.from('# New\n').toString('base64'),
      branch: 'feature-4',
      sha: before,
    });
    expect(record).toMatchObject({ created: false, branch: 'feature-4', sha: blobSha('# New\n') });
  });

  it('sends a given sha without looking it up, and GitHub refuses a stale one (409)', async () => {
    github = await startFakeGitHub();
    const stale = 'a'.repeat(40);
    await expect(commit({ path: 'README.md', content: 'x', sha: stale })).rejects.toBeInstanceOf(
      UpstreamPermanentError,
    );
    expect(github.requests.map((request) => request.method)).toEqual(['PUT']);
    expect(github.requests[0]?.body).toMatchObject({ sha: stale });
  });

  it('passes base64 content through unchanged', async () => {
    github = await startFakeGitHub();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]).toString('base64');
    await commit({ path: 'img/dot.png', content: png, encoding: 'base64' });

    expect(github.requests[1]?.body).toMatchObject({ content: png });
    expect(github.seed.files['img/dot.png']).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  });

  it('refuses content that is not base64 when encoding says base64, before any request', async () => {
    github = await startFakeGitHub();
    await expect(commit({ path: 'a.txt', content: 'not base64!', encoding: 'base64' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(github.requests).toHaveLength(0);
  });

  it('refuses a directory path', async () => {
    github = await startFakeGitHub();
    await expect(commit({ path: 'src', content: 'x' })).rejects.toMatchObject({ field: 'path' });
    expect(github.requests.map((request) => request.method)).toEqual(['GET']);
  });

  it('answers a branch that does not exist as not found', async () => {
    github = await startFakeGitHub();
    await expect(commit({ path: 'new.txt', content: 'x', branch: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
