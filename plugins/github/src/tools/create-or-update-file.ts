import { defineTool, InvalidInputError, type ToolContext, z } from '@mcpist/plugin-sdk';
import type { Octokit } from '@octokit/rest';
import { createOctokit } from '../client.js';
import { branchNameField, ownerField, repoField } from '../input-fields.js';
import { fileCommitRecord, toFileCommitRecord } from '../normalize-refs.js';

/** GitHub's contents API takes files up to 100 MB; a tool call carrying more than ~1 MB of text is a mistake. */
const MAX_CONTENT_CHARS = 1_400_000;
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

interface Target {
  owner: string;
  repo: string;
  path: string;
  branch?: string;
}

/** The blob sha of the file at `path` now, or undefined when there is none (GitHub answers 404). */
async function currentSha(octokit: Octokit, target: Target, ctx: ToolContext): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner: target.owner,
      repo: target.repo,
      path: target.path,
      ref: target.branch,
    });
    if (Array.isArray(data) || data.type !== 'file') {
      throw new InvalidInputError(`${target.path} is a ${Array.isArray(data) ? 'directory' : data.type}, not a file`, {
        field: 'path',
      });
    }
    return data.sha;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) {
      ctx.logger.debug('create_or_update_file: no file at the path yet, creating it');
      return undefined;
    }
    throw error;
  }
}

export const createOrUpdateFile = defineTool({
  name: 'create_or_update_file',
  description: `Commits one file to a GitHub repository: creates it, or replaces its whole content. Every call is a commit on the branch (default: the default branch).
Use it to add or change a file when the user asked for a change to the repository; for several files or a reviewed change, create_branch first, commit there, then create_pull_request. Pass sha (from a previous write) to make GitHub refuse the commit (409) if the file changed since; without sha the tool replaces whatever the file holds now.
Returns one record: path, branch, created (true for a new file), sha (new blob), commit_sha, commit_url, html_url.`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    path: z
      .string()
      .trim()
      .transform((path) => path.replace(/^\/+/, ''))
      .pipe(z.string().min(1).max(1024).regex(/[^/]$/, 'must name a file, not a directory'))
      .describe('File path from the repository root, e.g. "docs/setup.md"; missing directories are created'),
    content: z
      .string()
      .max(MAX_CONTENT_CHARS)
      .describe('The complete new file content: plain text (UTF-8) by default, or base64 when encoding is "base64"'),
    encoding: z
      .enum(['text', 'base64'])
      .default('text')
      .describe('"text" (default): content is the file text as is; "base64": content is base64 (for binary files)'),
    message: z.string().trim().min(1).max(65_536).describe('Commit message, e.g. "Document the setup steps"'),
    branch: branchNameField
      .optional()
      .describe('Branch to commit to, e.g. "fix/typo"; it must exist; default the default branch'),
    sha: z
      .string()
      .regex(/^[0-9a-f]{40}$/i)
      .optional()
      .describe('Blob sha of the file you expect to replace; GitHub refuses the commit if the file changed since'),
  }),
  output: fileCommitRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    if (input.encoding === 'base64' && !BASE64.test(input.content)) {
      throw new InvalidInputError('content is not base64; send encoding "text" for plain text', { field: 'content' });
    }
    const octokit = await createOctokit(ctx);
    const target: Target = { owner: input.owner, repo: input.repo, path: input.path, branch: input.branch };
    const sha = input.sha ?? (await currentSha(octokit, target, ctx));
    const content =
      input.encoding === 'base64'
        ? input.content.replace(/\s+/g, '')
        : Buffer.from(input.content, 'utf8').toString('base64');
    const { data, status } = await octokit.rest.repos.createOrUpdateFileContents({
      ...target,
      message: input.message,
      content,
      sha,
    });
    return toFileCommitRecord(data, { path: input.path, branch: input.branch, created: status === 201 });
  },
});
