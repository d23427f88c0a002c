import { InvalidInputError, NotFoundError } from '@mcpist/plugin-sdk';
import type { Client } from '@notionhq/client';
import { fullDatabase } from './full-objects.js';
import type { NotionDatabase } from './normalize.js';

/**
 * Since API version 2025-09-03 a database is a container of one or more data
 * sources, and rows are created in and queried from a data source. People
 * (and LLMs) think in databases, so tools take a database id and find its
 * data source here, unless the caller names the data source directly.
 */

/** Retrieves a database (title, url, data source references). */
export async function retrieveDatabase(notion: Client, databaseId: string): Promise<NotionDatabase> {
  return fullDatabase(await notion.databases.retrieve({ database_id: databaseId }));
}

/** Which database, or which of its data sources, a tool was given. */
export interface DatabaseTarget {
  database_id?: string | undefined;
  data_source_id?: string | undefined;
}

/** The data source to use: `data_source_id` when given (no request), else the database's first one. */
export async function dataSourceOf(notion: Client, target: DatabaseTarget): Promise<string> {
  if (target.data_source_id) return target.data_source_id;
  const databaseId = target.database_id;
  if (!databaseId) throw new InvalidInputError('give database_id or data_source_id', { field: 'database_id' });
  const database = await retrieveDatabase(notion, databaseId);
  const first = (database.data_sources ?? [])[0];
  if (!first) throw new NotFoundError(`Notion: database ${databaseId} has no data source to read or write`);
  return first.id;
}
