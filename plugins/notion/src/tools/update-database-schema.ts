import { defineTool, z } from '@mcpist/plugin-sdk';
import type { UpdateDataSourceParameters } from '@notionhq/client';
import { createNotionClient } from '../client.js';
import { dataSourceOf } from '../data-sources.js';
import { notionIdField } from '../input-fields.js';
import { type NotionDataSource, schemaRecord, toSchemaRecord } from '../normalize.js';
import { schemaChangeField, schemaUpdate } from '../schema-changes.js';

export const updateDatabaseSchema = defineTool({
  name: 'update_database_schema',
  description: `Changes the columns of a Notion database: adds columns, renames columns, adds choices to select and multi-select columns, and sets column descriptions. Existing values are never lost: removing a column or changing its type is not possible with this tool (do that in Notion).
Use it when the user wants a new field in a tracker ("add a Priority column with High, Medium, Low"), a renamed column, or a new choice for a select; use get_database first to see the current columns. Status columns' choices cannot be changed through Notion's API.
Returns the schema after the change: database_id, data_source_id, title, properties ("Name (type: options); …").`,
  input: z
    .object({
      database_id: notionIdField('database').optional(),
      data_source_id: notionIdField('data source')
        .optional()
        .describe('Change this data source (for databases with several) instead of the first'),
      properties: z
        .array(schemaChangeField)
        .min(1)
        .max(100)
        .describe(
          'Changes, e.g. [{"name": "Priority", "type": "select", "options": ["High", "Low"]}, {"name": "Estimate", "rename_to": "Points"}, {"name": "Tags", "options": ["urgent"]}]',
        ),
    })
    .refine((input) => input.database_id !== undefined || input.data_source_id !== undefined, {
      message: 'give database_id (or data_source_id)',
      path: ['database_id'],
    }),
  output: schemaRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    const dataSourceId = await dataSourceOf(notion, input);
    // The current schema decides what is a new column and which select options must be kept.
    const current = (await notion.dataSources.retrieve({
      data_source_id: dataSourceId,
    })) as unknown as NotionDataSource;
    const properties = schemaUpdate(current.properties ?? {}, input.properties);
    const updated = await notion.dataSources.update({
      data_source_id: dataSourceId,
      properties: properties as UpdateDataSourceParameters['properties'],
    });
    return toSchemaRecord(updated as unknown as NotionDataSource);
  },
});
