import { defineTool, InvalidInputError, UpstreamPermanentError, z } from '@mcpist/plugin-sdk';
import { createOctokit } from '../client.js';
import { ownerField, refField, repoField } from '../input-fields.js';

/** About 25k tokens of source text. */
const DEFAULT_MAX_CHARS = 100_000;
/** Git's own test for binary content: a NUL byte in the first 8000 bytes. */
const BINARY_SNIFF_BYTES = 8000;

interface ContentEntry {
  type: string;
  name: string;
  path: string;
  size: number;
}

interface ContentFile extends ContentEntry {
  content?: string;
  encoding?: string;
  target?: string;
  submodule_git_url?: string;
}

function decodeText(file: ContentFile): string {
  const bytes = Buffer.from(file.content ?? '', 'base64');
  const sniffed = bytes.subarray(0, BINARY_SNIFF_BYTES);
  let text: string | undefined;
  if (!sniffed.includes(0)) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) {
    throw new InvalidInputError(
      `${file.path} is a binary file (${file.size} bytes); get_file_contents returns text files only`,
      { field: 'path' },
    );
  }
  return text;
}

function listing(entries: ContentEntry[], where: string): string {
  const sorted = [...entries].sort(
    (a, b) => (a.type === 'dir' ? 0 : 1) - (b.type === 'dir' ? 0 : 1) || a.name.localeCompare(b.name),
  );
  const lines = sorted.map((entry) =>
    entry.type === 'dir' ? `dir   ${entry.path}/` : `${entry.type.padEnd(5)} ${entry.path} (${entry.size} bytes)`,
  );
  return `Directory ${where}: ${entries.length} entries\n${lines.join('\n')}`;
}

function truncated(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const end = cut.lastIndexOf('\n');
  const kept = end > 0 ? cut.slice(0, end + 1) : cut;
  return `${kept}${kept.endsWith('\n') ? '' : '\n'}[File truncated: showing ${kept.length} of ${text.length} characters.]`;
}

export const getFileContents = defineTool({
  name: 'get_file_contents',
  description: `Reads a file or lists a directory in a GitHub repository, on the default branch or any branch, tag or commit (ref).
Use it to read source code, READMEs or configuration, e.g. after search_code or to review a file a pull request changes (ref = its head branch). Give a directory path (or none for the repository root) to see what it holds. Binary files (images, archives) are refused; files over 1 MB cannot be read this way.
Returns text: a file's content (decoded UTF-8, cut at max_chars with a note), or for a directory one line per entry: "dir   path/" or "file  path (size bytes)".`,
  input: z.object({
    owner: ownerField,
    repo: repoField,
    path: z
      .string()
      .max(1024)
      .default('')
      .transform((path) => path.replace(/^\/+|\/+$/g, ''))
      .describe('File or directory path from the repository root, e.g. "src/index.ts"; empty for the root'),
    ref: refField.optional().describe('Branch, tag or commit sha; default the default branch'),
    max_chars: z.number().int().min(1_000).max(1_000_000).default(DEFAULT_MAX_CHARS).describe('Longest text to return'),
  }),
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const { data } = await octokit.rest.repos.getContent({
      owner: input.owner,
      repo: input.repo,
      path: input.path,
      ref: input.ref,
    });
    const where = `${input.path === '' ? '/' : `${input.path}/`} of ${input.owner}/${input.repo}${input.ref ? `@${input.ref}` : ''}`;
    if (Array.isArray(data)) return listing(data, where);
    const file = data as ContentFile;
    if (file.type === 'symlink') return `${file.path} is a symbolic link to ${file.target ?? '(unknown target)'}`;
    if (file.type === 'submodule')
      return `${file.path} is a git submodule of ${file.submodule_git_url ?? '(unknown URL)'}`;
    if (file.type !== 'file') throw new UpstreamPermanentError(`GitHub returned an unexpected ${file.type} entry`);
    if (file.encoding === 'none' || (file.content === '' && file.size > 0)) {
      throw new InvalidInputError(
        `${file.path} is larger than 1 MB (${file.size} bytes); GitHub does not return its content here`,
        {
          field: 'path',
        },
      );
    }
    return truncated(decodeText(file), input.max_chars);
  },
});
