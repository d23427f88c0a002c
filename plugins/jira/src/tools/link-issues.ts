import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createJiraClient } from '../client.js';
import { issueKeyField } from '../input-fields.js';
import { createdLinkRecord } from '../normalize-work.js';

/** The parts of Jira's issue link type we read. */
interface LinkType {
  name?: string;
  inward?: string;
  outward?: string;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.toLowerCase();

/**
 * The link type a relation names, and whether issue_key is its inward side.
 * "blocks" (a type's outward phrase) or its name ("Blocks") reads "issue
 * blocks other"; "is blocked by" (the inward phrase) reads the other way.
 */
export function pickLinkType(
  types: readonly LinkType[],
  relation: string,
): { type: LinkType; issueIsInward: boolean } | undefined {
  const byOutward = types.find((type) => same(type.name, relation) || same(type.outward, relation));
  if (byOutward) return { type: byOutward, issueIsInward: true };
  const byInward = types.find((type) => same(type.inward, relation));
  return byInward ? { type: byInward, issueIsInward: false } : undefined;
}

function describeTypes(types: readonly LinkType[]): string {
  return types.map((type) => `"${type.outward}" / "${type.inward}" (${type.name})`).join(', ') || 'none';
}

export const linkIssues = defineTool({
  name: 'link_issues',
  description: `Links two Jira issues, e.g. "PROJ-1 blocks PROJ-2", "PROJ-3 duplicates PROJ-4", "PROJ-5 relates to PROJ-6".
Use it when the user says one issue blocks, depends on, duplicates, clones or relates to another. relation is read from issue_key to other_issue_key: a link type's name or phrase ("blocks", "is blocked by", "duplicates", "relates to"); if none matches, the error lists the site's link types. get_issue shows an issue's links.
Returns issue_key, relation, other_issue_key and link_type.`,
  input: z.object({
    issue_key: issueKeyField,
    relation: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .describe('How issue_key relates to other_issue_key, e.g. "blocks", "is blocked by", "relates to", "Duplicate"'),
    other_issue_key: issueKeyField.describe('The other issue, e.g. "PROJ-2"'),
  }),
  output: createdLinkRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    if (input.issue_key === input.other_issue_key) {
      throw new InvalidInputError('an issue cannot be linked to itself', { field: 'other_issue_key' });
    }
    const { api } = await createJiraClient(ctx);
    const { issueLinkTypes = [] } = await api.issueLinkTypes.getIssueLinkTypes();
    const picked = pickLinkType(issueLinkTypes, input.relation);
    const name = picked?.type.name;
    if (!picked || !name) {
      throw new InvalidInputError(`no link type "${input.relation}"; this site has: ${describeTypes(issueLinkTypes)}`, {
        field: 'relation',
      });
    }
    const { type, issueIsInward } = picked;
    // Jira shows the link type's outward phrase on the inwardIssue: "inward blocks outward".
    const [inward, outward] = issueIsInward
      ? [input.issue_key, input.other_issue_key]
      : [input.other_issue_key, input.issue_key];
    await api.issueLinks.linkIssues({
      type: { name },
      inwardIssue: { key: inward },
      outwardIssue: { key: outward },
    });
    return {
      issue_key: input.issue_key,
      relation: (issueIsInward ? type.outward : type.inward) ?? input.relation,
      other_issue_key: input.other_issue_key,
      link_type: name,
    };
  },
});
