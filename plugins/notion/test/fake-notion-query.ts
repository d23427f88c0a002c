/**
 * The subset of Notion's data source query language the fake understands:
 * property filters on title, rich_text, status, select, multi_select,
 * checkbox, number and date, compound `and`/`or`, and property or timestamp
 * sorts. A property that is not in the schema is a 400, as in Notion.
 */
import type { NotionJson } from './fake-notion-data.js';

/** A filter or sort the fake cannot evaluate, or one naming an unknown property; the message is Notion's. */
export class QueryError extends Error {}

type Condition = Record<string, unknown>;

function textOf(value: unknown): string {
  return Array.isArray(value) ? value.map((item) => (item as { plain_text?: string }).plain_text ?? '').join('') : '';
}

/** The comparable value of one page property. */
function comparable(property: NotionJson | undefined): unknown {
  if (!property) return undefined;
  const type = property.type as string;
  const value = property[type];
  switch (type) {
    case 'title':
    case 'rich_text':
      return textOf(value);
    case 'status':
    case 'select':
      return (value as { name?: string } | null)?.name ?? null;
    case 'multi_select':
      return ((value as { name: string }[] | null) ?? []).map((option) => option.name);
    case 'date':
      return (value as { start?: string } | null)?.start ?? null;
    default:
      return value;
  }
}

function matches(actual: unknown, condition: Condition): boolean {
  const [operator, expected] = Object.entries(condition)[0] ?? [];
  switch (operator) {
    case 'equals':
      return actual === expected;
    case 'does_not_equal':
      return actual !== expected;
    case 'contains':
      return Array.isArray(actual)
        ? actual.includes(expected)
        : String(actual ?? '')
            .toLowerCase()
            .includes(String(expected).toLowerCase());
    case 'is_empty':
      return actual === null || actual === '' || (Array.isArray(actual) && actual.length === 0);
    case 'is_not_empty':
      return !(actual === null || actual === '' || (Array.isArray(actual) && actual.length === 0));
    case 'greater_than':
    case 'after':
      return actual !== null && (actual as number | string) > (expected as number | string);
    case 'less_than':
    case 'before':
      return actual !== null && (actual as number | string) < (expected as number | string);
    case 'on_or_after':
      return actual !== null && (actual as string) >= (expected as string);
    case 'on_or_before':
      return actual !== null && (actual as string) <= (expected as string);
    default:
      throw new QueryError(`body.filter: the fake does not understand the condition \`${operator}\`.`);
  }
}

function property(schema: Record<string, NotionJson>, nameOrId: unknown): [string, NotionJson] {
  const found = Object.entries(schema).find(([name, config]) => name === nameOrId || config.id === nameOrId);
  if (!found) throw new QueryError(`Could not find property with name or id: ${String(nameOrId)}`);
  return found;
}

/** A predicate for rows of a data source with `schema`, from a Notion filter object. */
export function compileFilter(filter: unknown, schema: Record<string, NotionJson>): (row: NotionJson) => boolean {
  if (filter === undefined) return () => true;
  const node = filter as Condition;
  if (Array.isArray(node.and)) {
    const parts = node.and.map((part) => compileFilter(part, schema));
    return (row) => parts.every((part) => part(row));
  }
  if (Array.isArray(node.or)) {
    const parts = node.or.map((part) => compileFilter(part, schema));
    return (row) => parts.some((part) => part(row));
  }
  const [name, config] = property(schema, node.property);
  const type = config.type as string;
  const condition = node[type] as Condition | undefined;
  if (typeof condition !== 'object' || condition === null) {
    throw new QueryError(`body.filter.${type} should be defined for property "${name}" of type ${type}.`);
  }
  return (row) => matches(comparable((row.properties as Record<string, NotionJson>)[name]), condition);
}

/** Orders rows by Notion sort objects (`{ property | timestamp, direction }`), first sort first. */
export function compileSorts(
  sorts: unknown,
  schema: Record<string, NotionJson>,
): (a: NotionJson, b: NotionJson) => number {
  if (sorts === undefined) return () => 0;
  if (!Array.isArray(sorts)) throw new QueryError('body.sorts should be an array.');
  const keys = (sorts as Condition[]).map((sort) => {
    const sign = sort.direction === 'descending' ? -1 : 1;
    if (typeof sort.timestamp === 'string') {
      const field = sort.timestamp;
      return { sign, read: (row: NotionJson) => row[field] };
    }
    const [name] = property(schema, sort.property);
    return { sign, read: (row: NotionJson) => comparable((row.properties as Record<string, NotionJson>)[name]) };
  });
  return (a, b) => {
    for (const { sign, read } of keys) {
      const x = read(a) as string | number | null;
      const y = read(b) as string | number | null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -sign : sign;
    }
    return 0;
  };
}
