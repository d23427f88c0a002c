import { defineTool, z } from '@mcpist/plugin-sdk';
import type { CreateDatabaseParameters } from '@notionhq/client';
import { createNotionClient } from '../client.js';
import { fullDatabase } from '../full-objects.js';
import { notionIdField, titleField } from '../input-fields.js';
import { markdownToRichText } from '../markdown/rich-text.js';
import { databaseRecord, type NotionDataSource, toDatabaseRecord } from '../normalize.js';
import { initialSchema, propertySpecField } from '../schema-config.js';

export const createDatabase = defineTool({
  name: 'create_database',
  description: `Creates a Notion database (a table) inside an existing page, with the columns you name.
Use it when the user wants a new tracker, list or table in Notion, e.g. a task list with Status, Due and Owner columns; to add rows afterwards use create_page with the returned id, and to add columns later use update_database_schema. Exactly one column is the title; if none is given, a "Name" title column is added. Status columns cannot be created through the API: use a select column instead.
Returns the database: id, title, url, description, data_sources, properties ("Name (type: options); …").`,
  input: z.object({
    parent_page_id: notionIdField('page').describe('The page to create the database in: id or Notion URL'),
    title: titleField.describe('Database title, e.g. "Sprint tasks"'),
    description: z.string().trim().max(2000).optional().describe('Shown under the title'),
    properties: z
      .array(propertySpecField)
      .max(100)
      .default([])
      .describe(
        'Columns, e.g. [{"name": "Task", "type": "title"}, {"name": "Priority", "type": "select", "options": ["High", "Low"]}, {"name": "Due", "type": "date"}, {"name": "Points", "type": "number"}, {"name": "Owner", "type": "people"}, {"name": "Done", "type": "checkbox"}]',
      ),
    inline: z
      .boolean()
      .default(false)
      .describe('Show the database inline in the page (true) or as a full page (default)'),
  }),
  output: databaseRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const properties = initialSchema(input.properties);
    const notion = createNotionClient(ctx);
    const database = fullDatabase(
      await notion.databases.create({
        parent: { type: 'page_id', page_id: input.parent_page_id },
        title: markdownToRichText(input.title),
        ...(input.description ? { description: markdownToRichText(input.description) } : {}),
        is_inline: input.inline,
        initial_data_source: {
          properties: properties as NonNullable<CreateDatabaseParameters['initial_data_source']>['properties'],
        },
      }),
    );
    // Since API 2025-09-03 the schema lives on the data source, which the create answer only references.
    const first = (database.data_sources ?? [])[0];
    const dataSource = first
      ? ((await notion.dataSources.retrieve({ data_source_id: first.id })) as unknown as NotionDataSource)
      : undefined;
    return toDatabaseRecord(database, dataSource?.properties ? dataSource : undefined);
  },
});
