import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { confluenceV1 } from '../api.js';
import { collectPages, createConfluence, recordLimit } from '../client.js';
import { limitField, spaceKeyField } from '../input-fields.js';
import { searchRecord, toSearchRecord } from '../normalize.js';

/** Results per search request; Confluence may answer with fewer, and the next link is followed either way. */
const PAGE_SIZE = 100;

/** A CQL string literal. */
function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The filters the convenience fields add, in CQL. */
function filters(input: { text?: string; space_key?: string; type?: string }): string[] {
  const clauses: string[] = [];
  if (input.text) clauses.push(`text ~ ${quoted(input.text)}`);
  if (input.space_key) clauses.push(`space = ${quoted(input.space_key)}`);
  if (input.type) clauses.push(`type = ${input.type}`);
  return clauses;
}

/**
 * The query to send: the caller's CQL and the convenience filters joined with
 * AND. An ORDER BY clause must stay last, outside the parentheses.
 */
export function buildCql(input: { cql?: string; text?: string; space_key?: string; type?: string }): string {
  const extra = filters(input);
  const cql = input.cql?.trim();
  if (!cql) {
    if (extra.length === 0) throw new InvalidInputError('give cql, or text to search for', { field: 'cql' });
    return extra.join(' AND ');
  }
  if (extra.length === 0) return cql;
  const order = /\s+order\s+by\s+.*$/is.exec(cql);
  const where = order ? cql.slice(0, order.index) : cql;
  return `(${where}) AND ${extra.join(' AND ')}${order ? order[0] : ''}`;
}

export const search = defineTool({
  name: 'search',
  description: `Searches Confluence with CQL (Confluence Query Language), following pages up to the server's record limit.
Use it to find pages or blog posts by words, title, space, label, author or date, e.g. cql = 'type = page AND space = DEV AND text ~ "release notes" ORDER BY lastmodified DESC', 'title ~ "onboarding"', 'label = runbook', 'lastmodified > now("-7d")'. Without CQL, give text (and optionally space_key and type) and the query is built for you. Then read a page with get_page.
Returns one record per hit: id, title, type, space (key), url, last_modified.`,
  input: z.object({
    cql: z
      .string()
      .trim()
      .max(4000)
      .optional()
      .describe('A CQL query; combined with AND with text, space_key and type'),
    text: z.string().trim().min(1).max(500).optional().describe('Words to find in titles and page text (text ~ "…")'),
    space_key: spaceKeyField.optional().describe('Only in this space, e.g. "DEV"'),
    type: z.enum(['page', 'blogpost', 'attachment', 'comment']).optional().describe('Only this kind of content'),
    include_archived_spaces: z.boolean().optional().describe('Also search archived spaces; default false'),
    limit: limitField,
  }),
  output: searchRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { searchByCQL } = await confluenceV1();
    const cql = buildCql(input);
    const { client, webBase } = createConfluence(ctx);
    const limit = recordLimit(ctx, input.limit);
    return collectPages({
      limit,
      fetchPage: (next) => {
        const start = next?.get('start');
        return searchByCQL(client, {
          cql,
          limit: Math.min(PAGE_SIZE, limit),
          includeArchivedSpaces: input.include_archived_spaces,
          cursor: next?.get('cursor') ?? undefined,
          start: start ? Number(start) : undefined,
          next: next?.has('next') ? true : undefined,
        });
      },
      toRecord: (result, page) => toSearchRecord(result, page._links?.base, webBase),
    });
  },
});
