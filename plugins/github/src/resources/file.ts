import { type Completer, defineResourceTemplate, type ToolContext, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, repoField } from '../input-fields.js';
import { getFileContents } from '../tools/get-file-contents.js';

/** MIME types of common text files by extension; anything else is plain text. */
const MIME_TYPES: Record<string, string> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  mjs: 'text/javascript',
  ts: 'text/x-typescript',
  py: 'text/x-python',
  csv: 'text/csv',
  xml: 'application/xml',
};

function mimeTypeOf(path: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return (extension && MIME_TYPES[extension]) || 'text/plain';
}

/** The connected account's repositories, most recently updated first: one page, enough to suggest from. */
async function recentRepos(ctx: ToolContext): Promise<{ owner: string; name: string }[]> {
  const octokit = await createOctokit(ctx);
  const { data } = await octokit.rest.repos.listForAuthenticatedUser({ sort: 'updated', per_page: 100 });
  return data.map((repo) => ({ owner: repo.owner.login, name: repo.name }));
}

const startsWith = (value: string) => (candidate: string) => candidate.toLowerCase().startsWith(value.toLowerCase());

/** Owners (users and organizations) of the account's repositories. */
export const completeOwner: Completer = async (value, _others, ctx) => [
  ...new Set((await recentRepos(ctx)).map((repo) => repo.owner).filter(startsWith(value))),
];

/** Names of the account's repositories, of the owner already chosen when there is one. */
export const completeRepo: Completer = async (value, others, ctx) => {
  const owner = others.owner?.toLowerCase();
  return [
    ...new Set(
      (await recentRepos(ctx))
        .filter((repo) => owner === undefined || owner === '' || repo.owner.toLowerCase() === owner)
        .map((repo) => repo.name)
        .filter(startsWith(value)),
    ),
  ];
};

/** A file (or directory listing) of a repository on its default branch, as text. */
export const fileResource = defineResourceTemplate({
  name: 'file',
  title: 'File in a GitHub repository',
  description:
    'A file of a GitHub repository on its default branch, as text (a directory path gives its listing). Binary files and files over 1 MB are refused.',
  uriTemplate: 'github://{owner}/{repo}/{+path}',
  mimeType: 'text/plain',
  requires: 'get_file_contents',
  params: z.object({
    owner: ownerField,
    repo: repoField,
    path: z.string().min(1).max(1024),
  }),
  complete: { owner: completeOwner, repo: completeRepo },
  read: async ({ owner, repo, path }, ctx) => {
    const input = getFileContents.input.parse({ owner, repo, path, max_chars: 1_000_000 });
    const text = (await getFileContents.handler(input, ctx)) as string;
    return { text, mimeType: mimeTypeOf(path) };
  },
});
