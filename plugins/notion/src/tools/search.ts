import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createNotionClient } from '../client.js';
import { type NotionDataSource, type NotionPage, searchRecord, toSearchRecord } from '../normalize.js';

/** Search may return partial objects (id only) for content the integration cannot read; they carry nothing to show. */
function fullHit(hit: { object: string }): NotionPage | NotionDataSource | undefined {
  const full = (hit.object === 'page' && 'url' in hit) || (hit.object === 'data_source' && 'title' in hit);
  return full ? (hit as NotionPage | NotionDataSource) : undefined;
}

export const search = defineTool({
  name: 'search',
  description: `Searches the Notion pages and databases shared with the connected integration by words in their titles, following pages up to the server's record limit.
Use it to find a page or database id when you only know its name, or omit query to list everything the integration can see. Notion's search matches titles, not page content.
Returns one record per hit: id, object (page or database), title, url, created_time, last_edited_time. Pass a page id to get_page, a database id to query_database or get_database.`,
  input: z.object({
    query: z
      .string()
      .trim()
      .max(500)
      .optional()
      .describe('Words to look for in titles; omit to list everything shared'),
    type: z.enum(['page', 'database']).optional().describe('Only pages or only databases; default both'),
    sort: z
      .enum(['relevance', 'last_edited'])
      .default('relevance')
      .describe('relevance (default) or last_edited (most recently edited first)'),
  }),
  output: searchRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const seen = new Set<string>();
    return collectPages(
      (cursor, pageSize) =>
        notion.search({
          query: input.query || undefined,
          filter: input.type
            ? { property: 'object', value: input.type === 'database' ? 'data_source' : 'page' }
            : undefined,
          sort: input.sort === 'last_edited' ? { timestamp: 'last_edited_time', direction: 'descending' } : undefined,
          start_cursor: cursor,
          page_size: pageSize,
        }),
      ctx.limits.maxRecords,
      (hit) => {
        const full = fullHit(hit);
        if (!full) return undefined;
        const record = toSearchRecord(full);
        // Each data source of a multi-source database is a hit of its own; list the database once.
        if (seen.has(record.id)) return undefined;
        seen.add(record.id);
        return record;
      },
    );
  },
});
