import { defineTool, z } from '@mcpist/plugin-sdk';
import type { QueryDataSourceParameters } from '@notionhq/client';
import { collectPages, createNotionClient } from '../client.js';
import { dataSourceOf } from '../data-sources.js';
import { notionIdField } from '../input-fields.js';
import { type NotionPage, pageRowRecord, toPageRowRecord } from '../normalize.js';

export const queryDatabase = defineTool({
  name: 'query_database',
  description: `Lists the rows (pages) of a Notion database, optionally filtered and sorted, following pages up to the server's record limit.
Use it to answer questions about a database's entries (open tasks, items due this week…). filter and sorts are Notion's own query JSON, passed through unchanged; call get_database first for the exact property names and options.
Returns one record per row: id, title, url, created_time, last_edited_time, properties ("Name: value; …"). Use get_page with a row's id for its content.`,
  input: z
    .object({
      database_id: notionIdField('database').optional(),
      data_source_id: notionIdField('data source')
        .optional()
        .describe('Query this data source (for databases with several); saves one request'),
      filter: z
        .record(z.string(), z.unknown())
        .optional()
        .describe(
          'Notion filter object, e.g. {"property": "Status", "status": {"equals": "Done"}} or {"and": [{"property": "Due", "date": {"before": "2026-03-01"}}, {"property": "Done", "checkbox": {"equals": false}}]}',
        ),
      sorts: z
        .array(z.record(z.string(), z.unknown()))
        .max(10)
        .optional()
        .describe(
          'Notion sort objects, e.g. [{"property": "Due", "direction": "ascending"}] or [{"timestamp": "last_edited_time", "direction": "descending"}]',
        ),
    })
    .refine((input) => input.database_id !== undefined || input.data_source_id !== undefined, {
      message: 'give database_id (or data_source_id)',
      path: ['database_id'],
    }),
  output: pageRowRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const dataSourceId = await dataSourceOf(notion, input);
    return collectPages(
      async (cursor, pageSize) => {
        const response = await notion.dataSources.query({
          data_source_id: dataSourceId,
          filter: input.filter as QueryDataSourceParameters['filter'],
          sorts: input.sorts as QueryDataSourceParameters['sorts'],
          start_cursor: cursor,
          page_size: pageSize,
        });
        return { ...response, results: response.results as Array<{ object: string } & Partial<NotionPage>> };
      },
      ctx.limits.maxRecords,
      // Rows the integration may not read come back as bare ids; wiki data sources may list data sources too.
      (row) => (row.object === 'page' && row.url !== undefined ? toPageRowRecord(row as NotionPage) : undefined),
    );
  },
});
