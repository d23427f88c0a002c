import { defineTool, z } from '@mcpist/plugin-sdk';
import { createNotionClient } from '../client.js';
import { retrieveDatabase } from '../data-sources.js';
import { notionIdField } from '../input-fields.js';
import { databaseRecord, type NotionDataSource, toDatabaseRecord } from '../normalize.js';

export const getDatabase = defineTool({
  name: 'get_database',
  description: `Describes one Notion database: its title, description, data sources and the schema of its (first) data source: every property with its type and, for select, multi-select and status properties, the allowed options.
Use it before query_database or create_page to learn the exact property names and values to filter, sort or fill in.
Returns one record: id, title, url, description, data_sources ("id (name)", comma-separated), properties ("Name (type: options); …").`,
  input: z.object({ database_id: notionIdField('database') }),
  output: databaseRecord,
  returns: 'record',
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const database = await retrieveDatabase(notion, input.database_id);
    const first = (database.data_sources ?? [])[0];
    // Since API 2025-09-03 the schema lives on the data source, not on the database.
    const dataSource = first
      ? ((await notion.dataSources.retrieve({ data_source_id: first.id })) as unknown as NotionDataSource)
      : undefined;
    return toDatabaseRecord(database, dataSource?.properties ? dataSource : undefined);
  },
});
