import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { collectRecords, createOctokit, pageSize } from '../client.js';
import { ownerField } from '../input-fields.js';
import { repoRecord, toRepoRecord } from '../normalize.js';

const REPO_TYPES = ['all', 'owner', 'member', 'public', 'private', 'forks', 'sources'] as const;
type RepoType = (typeof REPO_TYPES)[number];

/** Each endpoint accepts only some `type` values; GitHub would reject the rest with a 422. */
const TYPES_FOR_ME = ['all', 'owner', 'public', 'private', 'member'] as const;
const TYPES_FOR_USER = ['all', 'owner', 'member'] as const;
const TYPES_FOR_ORG = ['all', 'public', 'private', 'forks', 'sources', 'member'] as const;

function allowedType<T extends RepoType>(
  allowed: readonly T[],
  type: RepoType | undefined,
  whose: string,
): T | undefined {
  if (type === undefined) return undefined;
  if ((allowed as readonly RepoType[]).includes(type)) return type as T;
  throw new InvalidInputError(`type "${type}" does not apply to ${whose}; use one of: ${allowed.join(', ')}`, {
    field: 'type',
  });
}

export const listRepos = defineTool({
  name: 'list_repos',
  description: `Lists GitHub repositories. Without "owner": the repositories the connected account can access (its own, collaborations and its organizations', private ones included). With "owner": that user's or organization's repositories (an organization's private ones only if the account is a member).
Use it to find a repository's exact owner/name before listing or creating issues.
Returns one record per repository: id, name, full_name (owner/name), html_url, private, description, updated_at.`,
  input: z.object({
    owner: ownerField.optional().describe('User or organization whose repositories to list; omit for your own'),
    type: z
      .enum(REPO_TYPES)
      .optional()
      .describe(
        'Filter. Your own: all, owner, public, private, member. A user: all, owner, member. An organization: all, public, private, forks, sources, member.',
      ),
    sort: z.enum(['created', 'updated', 'pushed', 'full_name']).optional().describe('Sort order; default full_name'),
  }),
  output: repoRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const octokit = await createOctokit(ctx);
    const common = { sort: input.sort, per_page: pageSize(ctx) };
    if (input.owner === undefined) {
      const type = allowedType(TYPES_FOR_ME, input.type, 'your own repositories');
      const pages = octokit.paginate.iterator(octokit.rest.repos.listForAuthenticatedUser, { ...common, type });
      return collectRecords(pages, ctx.limits.maxRecords, toRepoRecord);
    }
    // Users and organizations have different endpoints (only the org one shows private repos to members).
    const { data: account } = await octokit.rest.users.getByUsername({ username: input.owner });
    if (account.type === 'Organization') {
      const type = allowedType(TYPES_FOR_ORG, input.type, 'an organization');
      const pages = octokit.paginate.iterator(octokit.rest.repos.listForOrg, { ...common, org: input.owner, type });
      return collectRecords(pages, ctx.limits.maxRecords, toRepoRecord);
    }
    const type = allowedType(TYPES_FOR_USER, input.type, 'a user');
    const pages = octokit.paginate.iterator(octokit.rest.repos.listForUser, {
      ...common,
      username: input.owner,
      type,
    });
    return collectRecords(pages, ctx.limits.maxRecords, toRepoRecord);
  },
});
