import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('get_file_contents', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const getContents = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'get_file_contents',
      { owner: github.seed.owner, repo: github.seed.repo, ...input },
      { baseUrl: github.url, credential: github.token },
    ) as Promise<string>;

  it('decodes a file’s base64 content to text', async () => {
    github = await startFakeGitHub();
    const text = await getContents({ path: 'src/index.ts', ref: 'main' });

    expect(github.requests[0]?.method).toBe('GET');
    // Octokit percent-encodes the slashes of `path`; GitHub decodes them.
    expect(github.requests[0]?.path).toBe('/repos/octo-org/hello-world/contents/src%2Findex.ts');
    expect(github.requests[0]?.query.get('ref')).toBe('main');
    expect(text).toBe(github.seed.files['src/index.ts']);
  });

  it('decodes multi-byte UTF-8 text across base64 line breaks', async () => {
    const content = `${'日本語のテキスト、'.repeat(20)}\nend\n`;
    github = await startFakeGitHub({ files: { 'notes.md': content } });
    expect(await getContents({ path: '/notes.md' })).toBe(content);
  });

  it('lists a directory, directories first', async () => {
    github = await startFakeGitHub();
    const text = await getContents({ path: 'src' });
    expect(text).toBe(
      'Directory src/ of octo-org/hello-world: 2 entries\ndir   src/util/\nfile  src/index.ts (76 bytes)',
    );
  });

  it('lists the repository root when no path is given', async () => {
    github = await startFakeGitHub();
    const text = await getContents({});
    expect(github.requests[0]?.path).toBe('/repos/octo-org/hello-world/contents');
    expect(text.split('\n')).toEqual([
      'Directory / of octo-org/hello-world: 4 entries',
      'dir   docs/',
      'dir   src/',
      expect.stringMatching(/^file {2}package\.json \(\d+ bytes\)$/),
      expect.stringMatching(/^file {2}README\.md \(\d+ bytes\)$/),
    ]);
  });

  it('refuses a binary file with a clear message', async () => {
    github = await startFakeGitHub();
    const error = await getContents({ path: 'docs/logo.png' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', field: 'path' });
    expect((error as Error).message).toBe(
      'docs/logo.png is a binary file (12 bytes); get_file_contents returns text files only',
    );
  });

  it('cuts a long file at a line end with a note', async () => {
    github = await startFakeGitHub({ files: { 'big.txt': 'a line of text\n'.repeat(1000) } });
    const text = await getContents({ path: 'big.txt', max_chars: 1000 });
    expect(text).toMatch(/^(a line of text\n){66}\[File truncated: showing 990 of 15000 characters\.\]$/);
  });

  it('reports a missing path as not found', async () => {
    github = await startFakeGitHub();
    await expect(getContents({ path: 'nope.txt' })).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
