import { InvalidInputError, z } from '@mcpist/plugin-sdk';
import type { NotionDataSource } from './normalize.js';
import { propertyConfig, SCHEMA_TYPES, uniqueNames } from './schema-config.js';

/**
 * update_database_schema's changes, checked against the data source's
 * current schema and turned into one `properties` update. Only changes that
 * keep existing values are made: adding columns, renaming, adding choices,
 * describing. Removing a column or changing its type would erase values, so
 * those are refused with a pointer to Notion itself.
 */

/** One change in update_database_schema's `properties`. */
export const schemaChangeField = z.object({
  name: z.string().trim().min(1).max(200).describe('An existing column (matched ignoring case), or a new one to add'),
  type: z
    .enum(SCHEMA_TYPES)
    .optional()
    .describe('For a new column: its type (required). For an existing one: leave out, or give its current type'),
  rename_to: z.string().trim().min(1).max(200).optional().describe('New name for an existing column'),
  options: z
    .array(z.string().trim().min(1).max(100))
    .max(100)
    .optional()
    .describe('For select and multi_select: choices to add (existing choices are kept)'),
  number_format: z
    .string()
    .trim()
    .regex(/^[a-z_]+$/)
    .max(40)
    .optional()
    .describe('For number: e.g. "percent"'),
  description: z.string().max(280).optional().describe('New description of the column'),
});

export type SchemaChange = z.output<typeof schemaChangeField>;

type SchemaEntry = NotionDataSource['properties'][string];

function refuse(message: string): never {
  throw new InvalidInputError(message, { field: 'properties' });
}

/** The update for an existing column (keyed by its current name, as Notion's docs show for renames). */
function changeExisting(name: string, entry: SchemaEntry, change: SchemaChange): Record<string, unknown> {
  const type = entry.type;
  if (change.type !== undefined && change.type !== type) {
    refuse(
      `column "${name}" is ${type}; changing a column's type can erase its values, so this tool does not do it — change it in Notion`,
    );
  }
  const update: Record<string, unknown> = {};
  if (change.rename_to !== undefined && change.rename_to !== name) update.name = change.rename_to;
  if (change.description !== undefined) update.description = change.description;
  if (change.options !== undefined) {
    if (type === 'status') refuse(`column "${name}" is status: Notion's API cannot change a status column's options`);
    if (type !== 'select' && type !== 'multi_select') refuse(`column "${name}" is ${type}: it has no options`);
    const current = ((entry[type] as { options?: Array<{ id: string; name: string }> }).options ?? []).map(
      (option) => ({ id: option.id, name: option.name }),
    );
    const known = new Set(current.map((option) => option.name.toLowerCase()));
    const added = uniqueNames(change.options).filter((option) => !known.has(option.toLowerCase()));
    // Notion drops every existing option the list leaves out, so the list is the old options plus the new.
    update[type] = { options: [...current, ...added.map((option) => ({ name: option }))] };
  }
  if (change.number_format !== undefined) {
    if (type !== 'number') refuse(`column "${name}" is ${type}: only number takes number_format`);
    update.number = { format: change.number_format };
  }
  if (Object.keys(update).length === 0) refuse(`nothing to change for column "${name}"`);
  return update;
}

/** The `properties` body for `dataSources.update`, or an InvalidInputError naming the column at fault. */
export function schemaUpdate(
  schema: NotionDataSource['properties'],
  changes: readonly SchemaChange[],
): Record<string, Record<string, unknown>> {
  const update: Record<string, Record<string, unknown>> = {};
  const names = new Set(Object.keys(schema).map((name) => name.toLowerCase()));
  for (const change of changes) {
    const existing = Object.keys(schema).find((name) => name.toLowerCase() === change.name.toLowerCase());
    const entry = existing === undefined ? undefined : schema[existing];
    if (existing !== undefined && entry !== undefined) {
      if (existing in update) refuse(`column "${existing}" is changed twice`);
      update[existing] = changeExisting(existing, entry, change);
      continue;
    }
    if (change.type === undefined) refuse(`the database has no column "${change.name}"; give a type to add it`);
    if (change.type === 'title') refuse('a database has exactly one title column already');
    if (change.rename_to !== undefined) refuse(`column "${change.name}" does not exist, so it cannot be renamed`);
    if (names.has(change.name.toLowerCase())) refuse(`column "${change.name}" is given twice`);
    names.add(change.name.toLowerCase());
    update[change.name] = propertyConfig({ ...change, type: change.type });
  }
  return update;
}
