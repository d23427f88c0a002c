/**
 * The fake Notion's schema endpoints (API 2025-09-03): create a database with
 * its initial data source (`POST /v1/databases`), and change a data source's
 * properties (`PATCH /v1/data_sources/:id`): add, rename, retype, change
 * select options (the list given replaces the old one) or remove with
 * `null`. As in Notion, the title property can be neither removed nor
 * retyped, and a status property's options cannot be changed.
 */
import type { FakeResponse, FakeRoute } from '@mcpist/plugin-sdk/testing';
import {
  makeBlock,
  makeDatabase,
  makeDataSource,
  type NotionJson,
  notionUrl,
  richTextFromRequest,
  seedTime,
} from './fake-notion-data.js';
import { objectNotFound, ok, validationError } from './fake-notion-responses.js';
import { NOTION_ROUTES } from './fake-notion-routes.js';
import type { FakeNotionStore } from './fake-notion-store.js';

/** Property types a schema may declare through the API. */
const SCHEMA_TYPES = new Set([
  'title',
  'rich_text',
  'number',
  'select',
  'multi_select',
  'status',
  'date',
  'people',
  'files',
  'checkbox',
  'url',
  'email',
  'phone_number',
  'created_time',
  'created_by',
  'last_edited_time',
  'last_edited_by',
]);

type Schema = Record<string, NotionJson>;

let optionCounter = 0;
let propertyCounter = 0;

/** Request options → response options: existing ones (by id or name) keep their id and colour. */
function optionsFrom(requested: unknown, existing: NotionJson[] = []): NotionJson[] {
  if (!Array.isArray(requested)) return existing;
  return (requested as NotionJson[]).map((option) => {
    const known = existing.find((old) => old.id === option.id || old.name === option.name);
    if (known) return known;
    optionCounter += 1;
    return {
      id: `opt-${optionCounter}`,
      name: String(option.name ?? ''),
      color: typeof option.color === 'string' ? option.color : 'default',
      description: null,
    };
  });
}

/** The type a property request declares (`{ select: {…} }` or `{ type: "select", select: {…} }`). */
function declaredType(config: NotionJson): string | undefined {
  if (typeof config.type === 'string') return config.type;
  return Object.keys(config).find((key) => SCHEMA_TYPES.has(key));
}

/** One schema entry as Notion returns it, from a request's property configuration. */
function schemaEntry(name: string, type: string, config: NotionJson, old?: NotionJson): NotionJson {
  const requested = (config[type] ?? {}) as NotionJson;
  let inner: NotionJson = {};
  if (type === 'select' || type === 'multi_select') {
    const before = old?.type === type ? ((old[type] as NotionJson).options as NotionJson[]) : [];
    inner = { options: optionsFrom(requested.options, before) };
  } else if (type === 'status') {
    inner =
      old?.type === 'status' ? (old.status as NotionJson) : { options: optionsFrom(requested.options), groups: [] };
  } else if (type === 'number') {
    inner = { format: typeof requested.format === 'string' ? requested.format : 'number' };
  }
  const id = old?.id ?? (type === 'title' ? 'title' : `p${(++propertyCounter).toString(36)}`);
  const description = typeof config.description === 'string' ? config.description : (old?.description ?? null);
  return { id, name, description, type, [type]: inner };
}

/** A new data source schema from `initial_data_source.properties`, or Notion's validation error. */
function newSchema(properties: unknown): { schema: Schema } | { error: FakeResponse } {
  const schema: Schema = {};
  for (const [name, raw] of Object.entries((properties ?? {}) as Record<string, NotionJson>)) {
    const type = typeof raw === 'object' && raw !== null ? declaredType(raw) : undefined;
    if (!type || !SCHEMA_TYPES.has(type)) {
      return {
        error: validationError(`body.initial_data_source.properties.${name} should be a property configuration.`),
      };
    }
    schema[name] = schemaEntry(name, type, raw);
  }
  const titles = Object.values(schema).filter((entry) => entry.type === 'title').length;
  if (titles !== 1) {
    return { error: validationError(`A data source must have exactly one title property, instead had ${titles}.`) };
  }
  return { schema };
}

/** Applies a PATCH's `properties` to `schema` in place; renames and removals also change the rows. */
function applySchemaUpdate(schema: Schema, update: unknown, rows: NotionJson[]): FakeResponse | undefined {
  for (const [key, raw] of Object.entries((update ?? {}) as Record<string, NotionJson | null>)) {
    const found = Object.entries(schema).find(([name, entry]) => name === key || entry.id === key);
    if (raw === null) {
      if (!found) return validationError(`Could not find property with name or id: ${key}`);
      if (found[1].type === 'title') return validationError('Cannot delete the title property.');
      delete schema[found[0]];
      for (const row of rows) delete (row.properties as NotionJson)[found[0]];
      continue;
    }
    const type = declaredType(raw);
    if (!found) {
      if (!type || !SCHEMA_TYPES.has(type)) return validationError(`Could not find property with name or id: ${key}`);
      schema[key] = schemaEntry(key, type, raw);
      continue;
    }
    const [oldName, old] = found;
    if (old.type === 'title' && type !== undefined && type !== 'title') {
      return validationError('Cannot change the type of the title property.');
    }
    if (old.type === 'status' && type === 'status' && (raw.status as NotionJson | undefined)?.options !== undefined) {
      return validationError("It's not possible to update the options of a status property via the API.");
    }
    const newName = typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name : oldName;
    const entry = schemaEntry(
      newName,
      type ?? (old.type as string),
      type ? raw : { ...raw, [old.type as string]: {} },
      old,
    );
    if (!type) entry[old.type as string] = old[old.type as string];
    delete schema[oldName];
    schema[newName] = entry;
    if (newName !== oldName) {
      for (const row of rows) {
        const values = row.properties as NotionJson;
        if (oldName in values) {
          values[newName] = values[oldName];
          delete values[oldName];
        }
      }
    }
  }
  return undefined;
}

export function databaseRoutes(store: FakeNotionStore): Record<string, FakeRoute> {
  const { seed } = store;
  let created = 0;
  return {
    [NOTION_ROUTES.createDatabase]: (request) => {
      const body = (request.body ?? {}) as NotionJson;
      const parent = (body.parent ?? {}) as NotionJson;
      if (typeof parent.page_id !== 'string') return validationError('body.parent.page_id should be defined.');
      if (!store.pageOf(parent.page_id)) return objectNotFound('page', parent.page_id);
      const built = newSchema((body.initial_data_source as NotionJson | undefined)?.properties);
      if ('error' in built) return built.error;
      const title = richTextFromRequest(body.title);
      const titleText = title.map((item) => item.plain_text).join('');
      created += 1;
      const seedData = {
        id: store.nextId('database'),
        dataSourceId: store.nextId('dataSource'),
        title: titleText,
        parentPageId: parent.page_id,
        author: store.botId,
        schema: built.schema,
      };
      const database = makeDatabase(seedData);
      const dataSource = makeDataSource(seedData);
      for (const object of [database, dataSource]) {
        object.title = title;
        object.created_time = seedTime(4000 + created);
        object.last_edited_time = seedTime(4000 + created);
      }
      database.description = richTextFromRequest(body.description);
      database.is_inline = body.is_inline === true;
      database.icon = null;
      dataSource.icon = null;
      dataSource.url = notionUrl(titleText, seedData.dataSourceId);
      seed.databases.push(database);
      seed.dataSources.push(dataSource);
      // As in Notion, the new database shows on its parent page as a child_database block with the database's id.
      const blocks = seed.blocks.get(parent.page_id) ?? [];
      blocks.push(
        makeBlock(
          seedData.id,
          { type: 'page_id', page_id: parent.page_id },
          'child_database',
          { title: titleText },
          4000 + created,
          store.botId,
        ),
      );
      seed.blocks.set(parent.page_id, blocks);
      return ok(database);
    },
    [NOTION_ROUTES.updateDataSource]: (request) => {
      const source = store.dataSourceOf(request.params.data_source_id);
      if (!source) return objectNotFound('data_source', request.params.data_source_id ?? '');
      const body = (request.body ?? {}) as NotionJson;
      const schema = source.properties as Schema;
      const rows = seed.pages.filter((page) => (page.parent as NotionJson).data_source_id === source.id);
      // Validate on a copy first, so a refused update changes nothing.
      const draft = structuredClone(schema);
      const refused = applySchemaUpdate(draft, body.properties, structuredClone(rows));
      if (refused) return refused;
      applySchemaUpdate(schema, body.properties, rows);
      if (Array.isArray(body.title)) source.title = richTextFromRequest(body.title);
      created += 1;
      source.last_edited_time = seedTime(4000 + created);
      return ok(source);
    },
  };
}
