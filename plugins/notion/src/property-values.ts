import { type NotionRichText, plainText } from './markdown/rich-text.js';

/**
 * Page property values and data source schemas as short text, so a database
 * row or schema fits in one string field: `Status: Done; Tags: a, b`.
 */

type Value = Record<string, unknown>;

/** A property value or schema entry: `{ type, [type]: … }`. */
type Typed = { type: string } & Value;

const MAX_OPTIONS = 25;

function named(value: unknown): string {
  const item = (value ?? {}) as { name?: unknown; id?: unknown };
  return typeof item.name === 'string' ? item.name : typeof item.id === 'string' ? item.id : '';
}

function dateText(value: unknown): string {
  const date = value as { start?: string; end?: string | null } | null;
  if (!date?.start) return '';
  return date.end ? `${date.start} → ${date.end}` : date.start;
}

function list(values: unknown, map: (item: unknown) => string): string {
  return Array.isArray(values) ? values.map(map).filter(Boolean).join(', ') : '';
}

/** One value inside a formula or rollup result, which carry their own `type`. */
function resultText(result: unknown): string {
  if (typeof result !== 'object' || result === null) return '';
  const typed = result as Typed;
  const inner = typed[typed.type];
  if (typed.type === 'date') return dateText(inner);
  if (typed.type === 'array') return list(inner, (item) => propertyValueText(item as Typed));
  return inner === null || inner === undefined ? '' : String(inner);
}

/** The text of one page property value; empty when the property is empty. */
export function propertyValueText(property: Typed): string {
  const value = property[property.type];
  switch (property.type) {
    case 'title':
    case 'rich_text':
      return plainText(value as NotionRichText[]);
    case 'select':
    case 'status':
      return named(value);
    case 'multi_select':
    case 'people':
    case 'relation':
    case 'files':
      return list(value, named);
    case 'date':
      return dateText(value);
    case 'created_by':
    case 'last_edited_by':
      return named(value);
    case 'formula':
    case 'rollup':
      return resultText(value);
    case 'unique_id': {
      const id = value as { prefix?: string | null; number?: number | null } | null;
      if (id?.number === null || id?.number === undefined) return '';
      return id.prefix ? `${id.prefix}-${id.number}` : String(id.number);
    }
    case 'verification':
      return (value as { state?: string } | null)?.state ?? '';
    case 'button':
      return '';
    default:
      return value === null || value === undefined || typeof value === 'object' ? '' : String(value);
  }
}

/** All non-empty property values except the title (it has its own field), as `Name: value; …`. */
export function propertiesSummary(properties: Record<string, Typed>): string {
  return Object.entries(properties)
    .filter(([, property]) => property.type !== 'title')
    .map(([name, property]) => [name, propertyValueText(property)] as const)
    .filter(([, text]) => text !== '')
    .map(([name, text]) => `${name}: ${text}`)
    .join('; ');
}

/** A data source schema as `Name (type); Status (status: Todo|Doing|Done); …`, options included for filters. */
export function schemaSummary(properties: Record<string, Typed>): string {
  return Object.entries(properties)
    .map(([name, property]) => {
      const config = property[property.type] as { options?: unknown } | undefined;
      const options = Array.isArray(config?.options) ? config.options.map(named).filter(Boolean) : [];
      if (options.length === 0) return `${name} (${property.type})`;
      const shown = options.slice(0, MAX_OPTIONS).join('|');
      const more = options.length > MAX_OPTIONS ? `|… ${options.length - MAX_OPTIONS} more` : '';
      return `${name} (${property.type}: ${shown}${more})`;
    })
    .join('; ');
}
