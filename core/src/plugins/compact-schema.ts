import type { JsonSchema } from '@mcpist/plugin-sdk';

/**
 * A tool's input schema as `get_module_schema` shows it to a model, without
 * text that says nothing more (issue 15): a `pattern` beside a `format` (zod
 * spells `date-time` as a 300-character regular expression) and `$schema`.
 * Validation still uses the plugin's full schema.
 */
export function compactSchema(schema: JsonSchema): JsonSchema {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const node = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (key === '$schema') continue;
      if (key === 'pattern' && typeof node.format === 'string') continue;
      out[key] = walk(child);
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}

/** The first sentence of a description (up to the first ". " or line end): the index's one line. */
export function summaryOf(description: string): string {
  const line = description.split('\n', 1)[0]?.trim() ?? '';
  const end = line.search(/\.(\s|$)/);
  return end === -1 ? line : line.slice(0, end + 1);
}
