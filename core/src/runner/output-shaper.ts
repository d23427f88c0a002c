import { isContentResult, type ToolDefinition } from '@mcpist/plugin-sdk';
import { encode } from '@toon-format/toon';

export type OutputFormat = 'toon' | 'json';

type Row = Record<string, unknown>;

function pick(record: unknown, fields: readonly string[]): Row {
  if (typeof record !== 'object' || record === null) return { value: record };
  if (fields.length === 0) return record as Row;
  const source = record as Row;
  const out: Row = {};
  for (const field of fields) out[field] = source[field] ?? null;
  return out;
}

/**
 * The structured value of a tool result: `{ items: [...] }` for lists, the
 * record itself, `{ text }`, or a content result's `{ content: [blocks] }`. Records keep exactly the tool's declared
 * output fields, so every row has the same columns.
 */
export function shapeOutput(tool: Pick<ToolDefinition, 'returns' | 'outputFields'>, raw: unknown): Row {
  if (isContentResult(raw)) return { content: raw.content };
  if (tool.returns === 'text' || typeof raw === 'string') return { text: typeof raw === 'string' ? raw : String(raw) };
  if (tool.returns === 'list') {
    const records = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    return { items: records.map((record) => pick(record, tool.outputFields)) };
  }
  return pick(Array.isArray(raw) ? raw[0] : raw, tool.outputFields);
}

/**
 * Renders a structured value: TOON by default (`items[N]{a,b}:` rows), JSON
 * on request. A text tool's `{ text }` renders as the text itself.
 */
export function renderOutput(value: Row, format: OutputFormat, isText = false): string {
  if (isText && typeof value.text === 'string') return value.text;
  return format === 'json' ? JSON.stringify(value) : encode(value);
}

/** An error as a tool result body: `error[1]{code,message}:` in TOON. */
export function renderError(error: { code: number; message: string }, format: OutputFormat): string {
  const body = { error: [{ code: error.code, message: error.message }] };
  return format === 'json' ? JSON.stringify({ error: { code: error.code, message: error.message } }) : encode(body);
}
