import { z } from '@mcpist/plugin-sdk';
import { type NotionRichText, plainText, richTextToMarkdown } from './markdown/rich-text.js';
import { propertiesSummary, schemaSummary } from './property-values.js';

/**
 * Normalized records (DESIGN §3): the flat, small field sets an LLM needs
 * instead of Notion's deeply nested JSON. Property values and schemas are
 * summarized into one string each, so every record stays one TOON row.
 */

/** One page, as create_page and update_page return it. */
export const pageRecord = z.object({
  id: z.string().describe('Page id; pass it to get_page, update_page, append_blocks'),
  title: z.string().describe('Text of the page title; empty when untitled'),
  url: z.string().describe('Link to the page in Notion'),
  created_time: z.string(),
  last_edited_time: z.string(),
});

/** One database row, as query_database returns it. */
export const pageRowRecord = pageRecord.extend({
  properties: z.string().describe('Property values other than the title, as "Name: value; Name: value"'),
});

/** One page with its content, as get_page returns it. */
export const pageDetailRecord = pageRowRecord.extend({
  markdown: z.string().describe('Page content rendered as Markdown'),
});

/** One search hit: a page or a database. */
export const searchRecord = z.object({
  id: z.string().describe('Page or database id'),
  object: z.string().describe('page or database'),
  title: z.string(),
  url: z.string(),
  created_time: z.string(),
  last_edited_time: z.string(),
});

/** One database with its schema, as get_database returns it. */
export const databaseRecord = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  description: z.string(),
  data_sources: z
    .string()
    .describe('Data sources of the database as "id (name)", comma-separated; the first is queried by default'),
  properties: z
    .string()
    .describe('Schema of the (first) data source: "Name (type: options); …" — the names to use in filters and sorts'),
});

/**
 * One workspace member or bot. What kind of user it is rides on the name
 * ("MCPist (bot)") instead of a column of its own: nearly every row is a
 * person, and a `type` column cost two tokens on each.
 */
export const userRecord = z.object({
  id: z.string().describe('User id; use it in people properties and filters'),
  name: z
    .string()
    .nullable()
    .describe('Display name; a bot (an integration) ends in " (bot)", e.g. "MCPist (bot)"; people have no suffix'),
  email: z.string().nullable().describe('Email of a person; null for bots or without the user-information capability'),
});

/** One comment. */
export const commentRecord = z.object({
  id: z.string(),
  discussion_id: z.string().describe('Thread the comment belongs to; pass it to add_comment to reply'),
  created_time: z.string(),
  created_by: z.string().describe('User id of the author'),
  text: z.string().describe('Comment text as Markdown'),
});

/** One block written by append_blocks. */
export const blockRecord = z.object({
  id: z.string(),
  type: z.string().describe('Notion block type, e.g. paragraph, heading_2, to_do'),
  text: z.string(),
});

/** A data source schema after an update. */
export const schemaRecord = z.object({
  database_id: z.string(),
  data_source_id: z.string(),
  title: z.string(),
  properties: z.string().describe('The schema now: "Name (type: options); …"'),
});

/** A page moved to the trash. */
export const trashedPageRecord = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  in_trash: z.boolean().describe('True once the page is in the trash'),
});

export type PageRecord = z.output<typeof pageRecord>;
export type PageRowRecord = z.output<typeof pageRowRecord>;
export type SearchRecord = z.output<typeof searchRecord>;
export type DatabaseRecord = z.output<typeof databaseRecord>;
export type UserRecord = z.output<typeof userRecord>;
export type CommentRecord = z.output<typeof commentRecord>;
export type BlockRecord = z.output<typeof blockRecord>;
export type TrashedPageRecord = z.output<typeof trashedPageRecord>;
export type SchemaRecord = z.output<typeof schemaRecord>;

/** A page property value: `{ id, type, [type]: value }`. */
export type NotionPropertyValue = { type: string; id?: string } & Record<string, unknown>;

/** The fields of Notion's page object we read. */
export interface NotionPage {
  object: 'page';
  id: string;
  url: string;
  created_time: string;
  last_edited_time: string;
  in_trash?: boolean;
  properties: Record<string, NotionPropertyValue>;
}

/** A reference to a data source inside a database object. */
export interface NotionDataSourceRef {
  id: string;
  name: string;
}

/** The fields of Notion's database object (API 2025-09-03) we read. */
export interface NotionDatabase {
  object: 'database';
  id: string;
  url: string;
  title: NotionRichText[];
  description?: NotionRichText[];
  /** Absent from responses of API versions before 2025-09-03. */
  data_sources?: NotionDataSourceRef[];
}

/** The fields of Notion's data source object we read. */
export interface NotionDataSource {
  object: 'data_source';
  id: string;
  url?: string;
  title: NotionRichText[];
  created_time: string;
  last_edited_time: string;
  parent: { type: string; database_id?: string };
  properties: Record<string, NotionPropertyValue & { name?: string }>;
}

/** The fields of Notion's user object we read. */
export interface NotionUser {
  object: 'user';
  id: string;
  type?: string;
  name?: string | null;
  person?: { email?: string };
}

/** The fields of Notion's comment object we read. */
export interface NotionComment {
  object: 'comment';
  id: string;
  discussion_id: string;
  created_time: string;
  created_by: { id: string };
  rich_text: NotionRichText[];
}

/** The title of a page: the plain text of its `title`-type property (whatever that property is named). */
export function pageTitle(page: Pick<NotionPage, 'properties'>): string {
  const title = Object.values(page.properties).find((property) => property.type === 'title');
  return plainText(title?.title as NotionRichText[] | undefined);
}

export function toPageRecord(page: NotionPage): PageRecord {
  return {
    id: page.id,
    title: pageTitle(page),
    url: page.url,
    created_time: page.created_time,
    last_edited_time: page.last_edited_time,
  };
}

export function toPageRowRecord(page: NotionPage): PageRowRecord {
  return { ...toPageRecord(page), properties: propertiesSummary(page.properties) };
}

export function toTrashedPageRecord(page: NotionPage): TrashedPageRecord {
  return { id: page.id, title: pageTitle(page), url: page.url, in_trash: page.in_trash ?? true };
}

/**
 * A search hit. Since API 2025-09-03 search returns data sources rather than
 * databases; a data source is reported as its database (id and all), which is
 * what get_database and query_database take.
 */
export function toSearchRecord(result: NotionPage | NotionDataSource): SearchRecord {
  if (result.object === 'page') {
    return {
      id: result.id,
      object: 'page',
      title: pageTitle(result),
      url: result.url,
      created_time: result.created_time,
      last_edited_time: result.last_edited_time,
    };
  }
  const databaseId = result.parent.type === 'database_id' ? result.parent.database_id : undefined;
  return {
    id: databaseId ?? result.id,
    object: databaseId ? 'database' : 'data_source',
    title: plainText(result.title),
    url: result.url ?? '',
    created_time: result.created_time,
    last_edited_time: result.last_edited_time,
  };
}

export function toDatabaseRecord(database: NotionDatabase, dataSource: NotionDataSource | undefined): DatabaseRecord {
  return {
    id: database.id,
    title: plainText(database.title),
    url: database.url,
    description: plainText(database.description),
    data_sources: (database.data_sources ?? []).map((source) => `${source.id} (${source.name})`).join(', '),
    properties: dataSource ? schemaSummary(dataSource.properties) : '',
  };
}

export function toUserRecord(user: NotionUser): UserRecord {
  const kind = user.type ?? 'unknown';
  return {
    id: user.id,
    // People are the rule; any other kind (a bot, or one Notion adds later) is named after the name.
    name: kind === 'person' ? (user.name ?? null) : `${user.name ? `${user.name} ` : ''}(${kind})`,
    email: user.person?.email ?? null,
  };
}

export function toCommentRecord(comment: NotionComment): CommentRecord {
  return {
    id: comment.id,
    discussion_id: comment.discussion_id,
    created_time: comment.created_time,
    created_by: comment.created_by.id,
    text: richTextToMarkdown(comment.rich_text),
  };
}

export function toBlockRecord(block: { id: string; type: string } & Record<string, unknown>): BlockRecord {
  const content = block[block.type] as { rich_text?: NotionRichText[] } | undefined;
  return { id: block.id, type: block.type, text: plainText(content?.rich_text) };
}

export function toSchemaRecord(dataSource: NotionDataSource): SchemaRecord {
  return {
    database_id: dataSource.parent.database_id ?? '',
    data_source_id: dataSource.id,
    title: plainText(dataSource.title),
    properties: schemaSummary(dataSource.properties),
  };
}
