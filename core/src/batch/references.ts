import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';

/** `${id.items[0].field}` — an id followed by `.name` and `[n]` steps. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_$][A-Za-z0-9_$-]*|\[\d+\])*)\}/g;
const WHOLE = new RegExp(`^${REFERENCE.source}$`);

/** Ids referenced anywhere in `value` (strings nested in objects and arrays). */
export function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(REFERENCE)) into.add(match[1] as string);
  } else if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) referencedIds(item, into);
  }
  return into;
}

function walk(root: unknown, path: string, expression: string): unknown {
  let current = root;
  for (const step of path.matchAll(/\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]/g)) {
    const key = step[1] ?? Number(step[2]);
    const container = current as Record<string | number, unknown> | null | undefined;
    const found =
      container !== null &&
      container !== undefined &&
      (Object.hasOwn(Object(container), key) ||
        (key === 'length' && (Array.isArray(container) || typeof container === 'string')));
    if (!found) {
      throw new McpistError(ErrorCodes.INVALID_PARAMS, `reference ${expression} resolves to nothing`, {
        data: { reference: expression },
      });
    }
    current = (container as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * Replaces references with earlier results. A string that is exactly one
 * reference takes the referenced value with its type (a number stays a
 * number); references inside longer strings are interpolated as text.
 */
export function substitute(value: unknown, results: ReadonlyMap<string, unknown>): unknown {
  if (typeof value === 'string') {
    const lookup = (expression: string, id: string, path: string) => {
      if (!results.has(id)) {
        throw new McpistError(ErrorCodes.INVALID_PARAMS, `reference ${expression}: no result for "${id}"`, {
          data: { reference: expression },
        });
      }
      return walk(results.get(id), path, expression);
    };
    const whole = WHOLE.exec(value);
    if (whole) return lookup(value, whole[1] as string, whole[2] ?? '');
    return value.replace(REFERENCE, (expression, id: string, path: string) => {
      const found = lookup(expression, id, path);
      return typeof found === 'object' && found !== null ? JSON.stringify(found) : String(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, results));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, results)]));
  }
  return value;
}
