import { InvalidInputError, z } from '@mcpist/plugin-sdk';

/**
 * Data source properties (database columns) described the simple way —
 * `{ "name": "Priority", "type": "select", "options": ["High", "Low"] }` —
 * and turned into the property configuration objects Notion's schema
 * endpoints take.
 */

/** Property types a schema can declare through the API (status cannot be created there). */
export const SCHEMA_TYPES = [
  'title',
  'rich_text',
  'number',
  'select',
  'multi_select',
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
] as const;

export type SchemaType = (typeof SCHEMA_TYPES)[number];

const optionNames = z.array(z.string().trim().min(1).max(100)).max(100);

/** One property in create_database's `properties`. */
export const propertySpecField = z.object({
  name: z.string().trim().min(1).max(200).describe('Column name, e.g. "Status"'),
  type: z.enum(SCHEMA_TYPES).describe('Column type; exactly one column is the title (one is added as "Name" if none)'),
  options: optionNames.optional().describe('For select and multi_select: the choices, e.g. ["High", "Medium", "Low"]'),
  number_format: z
    .string()
    .trim()
    .regex(/^[a-z_]+$/)
    .max(40)
    .optional()
    .describe('For number: Notion\'s format, e.g. "number", "percent", "dollar", "euro"'),
  description: z.string().max(280).optional().describe("Shown as the column's description in Notion"),
});

export type PropertySpec = z.output<typeof propertySpecField>;

/** The configuration object for one new property of `spec.type`. */
export function propertyConfig(spec: PropertySpec): Record<string, unknown> {
  if (spec.options !== undefined && spec.type !== 'select' && spec.type !== 'multi_select') {
    throw new InvalidInputError(`property "${spec.name}" is ${spec.type}: only select and multi_select take options`, {
      field: 'properties',
    });
  }
  if (spec.number_format !== undefined && spec.type !== 'number') {
    throw new InvalidInputError(`property "${spec.name}" is ${spec.type}: only number takes number_format`, {
      field: 'properties',
    });
  }
  let inner: Record<string, unknown> = {};
  if (spec.type === 'select' || spec.type === 'multi_select') {
    inner = { options: uniqueNames(spec.options ?? []).map((name) => ({ name })) };
  } else if (spec.type === 'number' && spec.number_format !== undefined) {
    inner = { format: spec.number_format };
  }
  return {
    [spec.type]: inner,
    ...(spec.description === undefined ? {} : { description: spec.description }),
  };
}

/** Names without case-insensitive repeats, first spelling kept. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The schema for create_database: the given columns by name, with a "Name" title column added if none is a title. */
export function initialSchema(specs: readonly PropertySpec[]): Record<string, Record<string, unknown>> {
  const titles = specs.filter((spec) => spec.type === 'title');
  if (titles.length > 1) {
    throw new InvalidInputError(`a database has one title column; got ${titles.map((spec) => spec.name).join(', ')}`, {
      field: 'properties',
    });
  }
  const names = specs.map((spec) => spec.name.toLowerCase());
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw new InvalidInputError(`column "${repeated}" is given twice`, { field: 'properties' });
  }
  const all = titles.length === 0 ? [{ name: 'Name', type: 'title' as const }, ...specs] : specs;
  if (titles.length === 0 && names.includes('name')) {
    throw new InvalidInputError('give the title column a type of "title" (a column called "Name" already exists)', {
      field: 'properties',
    });
  }
  return Object.fromEntries(all.map((spec) => [spec.name, propertyConfig(spec)]));
}
