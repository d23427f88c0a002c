import { InvalidInputError } from '@mcpist/plugin-sdk';
import { extractNotionId } from '@notionhq/client';
import { markdownToRichText } from './markdown/rich-text.js';

/**
 * Turns the plain values people (and LLMs) write — `"Done"`, `3`,
 * `"2026-12-24"`, `["a", "b"]` — into the Notion property value objects the
 * API takes, by the type each property has in the page's data source. A
 * value that cannot be one of that type fails with an InvalidInputError that
 * names the property, before anything is written.
 */

/** The page's own properties: name → `{ id, type }` (what `pages.retrieve` returns). */
export type PropertyTypes = Record<string, { id?: string; type: string }>;

/** What a people property's strings may resolve to: user ids by lower-case email. */
export type EmailDirectory = ReadonlyMap<string, string>;

/** Property types whose values Notion computes or that this coercion does not write. */
const READ_ONLY_TYPES = new Set([
  'formula',
  'rollup',
  'created_time',
  'created_by',
  'last_edited_time',
  'last_edited_by',
  'unique_id',
  'verification',
  'button',
  'files',
]);

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function refuse(name: string, type: string, expected: string, value: unknown): never {
  const shown = JSON.stringify(value)?.slice(0, 80) ?? String(value);
  throw new InvalidInputError(`property "${name}" is ${type}: expected ${expected}, got ${shown}`, {
    field: `properties.${name}`,
  });
}

/** A list from an array, or from a comma-separated string ("a, b"). */
function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  }
  return [value];
}

function text(name: string, type: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return refuse(name, type, 'text', value);
}

function dateValue(name: string, value: unknown): Record<string, unknown> {
  const check = (when: unknown): string => {
    if (typeof when !== 'string' || !DATE.test(when.trim())) {
      refuse(name, 'date', 'a date "2026-12-24" or date-time "2026-12-24T10:00:00+01:00"', when);
    }
    return when.trim();
  };
  if (typeof value === 'string') return { start: check(value) };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const range = value as { start?: unknown; end?: unknown; time_zone?: unknown };
    return {
      start: check(range.start),
      ...(range.end === undefined || range.end === null ? {} : { end: check(range.end) }),
      ...(typeof range.time_zone === 'string' ? { time_zone: range.time_zone } : {}),
    };
  }
  return refuse(name, 'date', 'a date string or {"start", "end"}', value);
}

function people(name: string, value: unknown, emails: EmailDirectory): Array<{ object: 'user'; id: string }> {
  return listOf(value).map((entry) => {
    if (typeof entry !== 'string') return refuse(name, 'people', 'user ids or emails', entry);
    const id = EMAIL.test(entry) ? emails.get(entry.toLowerCase()) : extractNotionId(entry);
    if (!id) {
      throw new InvalidInputError(
        `property "${name}" is people: "${entry}" is not a workspace member's id or email (see list_users)`,
        { field: `properties.${name}` },
      );
    }
    return { object: 'user' as const, id };
  });
}

/** True when `value` is already an API value object for `type` (`{ "select": { "name": "x" } }`). */
function isApiValue(value: unknown, type: string): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && type in value;
}

/** The API value for one property of `type` from a plain value; `null` clears the property. */
export function coercePropertyValue(
  name: string,
  type: string,
  value: unknown,
  emails: EmailDirectory = new Map(),
): Record<string, unknown> {
  if (READ_ONLY_TYPES.has(type)) {
    throw new InvalidInputError(`property "${name}" is ${type}, which cannot be set through the API`, {
      field: `properties.${name}`,
    });
  }
  if (isApiValue(value, type)) return { [type]: value[type] };
  switch (type) {
    case 'title':
    case 'rich_text':
      return { [type]: value === null ? [] : markdownToRichText(text(name, type, value)) };
    case 'number': {
      if (value === null) return { number: null };
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) return refuse(name, type, 'a number', value);
      return { number };
    }
    case 'select':
    case 'status':
      if (value === null) return { [type]: null };
      return { [type]: { name: text(name, type, value).trim() } };
    case 'multi_select':
      if (value === null) return { multi_select: [] };
      return { multi_select: listOf(value).map((option) => ({ name: text(name, type, option).trim() })) };
    case 'date':
      return { date: value === null ? null : dateValue(name, value) };
    case 'checkbox': {
      if (typeof value === 'boolean') return { checkbox: value };
      const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
      if (word === 'true' || word === 'yes') return { checkbox: true };
      if (word === 'false' || word === 'no') return { checkbox: false };
      return refuse(name, type, 'true or false', value);
    }
    case 'url':
      if (value === null) return { url: null };
      if (typeof value !== 'string' || !URL.canParse(value.trim())) return refuse(name, type, 'a URL', value);
      return { url: value.trim() };
    case 'email':
      if (value === null) return { email: null };
      if (typeof value !== 'string' || !EMAIL.test(value.trim())) return refuse(name, type, 'an email address', value);
      return { email: value.trim() };
    case 'phone_number':
      return { phone_number: value === null ? null : text(name, type, value).trim() };
    case 'people':
      return { people: value === null ? [] : people(name, value, emails) };
    case 'relation':
      return {
        relation:
          value === null
            ? []
            : listOf(value).map((entry) => {
                const id = typeof entry === 'string' ? extractNotionId(entry) : null;
                return id ? { id } : refuse(name, type, 'page ids or Notion page URLs', entry);
              }),
      };
    default:
      throw new InvalidInputError(`property "${name}" has type ${type}, which this tool cannot set`, {
        field: `properties.${name}`,
      });
  }
}

/**
 * The property of the page that `key` names: the exact name, else the one
 * name that matches ignoring case. Unknown names fail, listing the known ones.
 */
export function resolvePropertyName(key: string, types: PropertyTypes): string {
  if (key in types) return key;
  const folded = Object.keys(types).filter((name) => name.toLowerCase() === key.trim().toLowerCase());
  if (folded.length === 1 && folded[0] !== undefined) return folded[0];
  const known = Object.keys(types).slice(0, 30).join(', ');
  throw new InvalidInputError(`the page has no property "${key}"; its properties are: ${known}`, {
    field: `properties.${key}`,
  });
}

/** True when a people property among `values` (keyed by resolved names) is given an email to look up. */
export function needsEmailLookup(values: Record<string, unknown>, types: PropertyTypes): boolean {
  return Object.entries(values).some(([name, value]) => {
    if (types[name]?.type !== 'people' || value === null) return false;
    return listOf(value).some((entry) => typeof entry === 'string' && EMAIL.test(entry));
  });
}
