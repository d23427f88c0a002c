import type { PluginDefinition } from '../define-plugin.js';
import type { JsonSchema, ToolDefinition } from '../define-tool.js';
import { renderCatalogTables } from './catalog-table.js';

/** The line before a README's generated tool table. */
export const TOOL_TABLE_BEGIN =
  '<!-- tools:begin (generated from the plugin definition by `npm run docs:tools`; do not edit) -->';
/** The line after it. */
export const TOOL_TABLE_END = '<!-- tools:end -->';

const MAX_ENUM_VALUES = 5;

const code = (text: string) => `\`${text}\``;

/** The description's first sentence: what the tool does, as an LLM reads it first. */
function summary(description: string): string {
  const firstLine = description.split('\n')[0] ?? '';
  const sentence = /^(.+?[.!?])(\s|$)/.exec(firstLine)?.[1] ?? firstLine;
  return sentence.trim();
}

function describeInput(name: string, schema: JsonSchema, required: boolean): string {
  const notes: string[] = [];
  const values = schema.enum;
  if (Array.isArray(values) && values.length <= MAX_ENUM_VALUES) notes.push(values.map(String).map(code).join('|'));
  const fallback = schema.default;
  if (fallback !== undefined)
    notes.push(`default ${code(typeof fallback === 'string' ? fallback : JSON.stringify(fallback))}`);
  return `${code(required ? name : `${name}?`)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

function inputs(tool: ToolDefinition): string {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((tool.inputSchema.required ?? []) as string[]);
  const described = Object.entries(properties).map(([name, schema]) => describeInput(name, schema, required.has(name)));
  return described.length > 0 ? described.join(', ') : '—';
}

function returns(tool: ToolDefinition): string {
  if (tool.returns === 'text') return 'text';
  const fields = tool.outputFields.join(', ');
  return tool.returns === 'list' ? `list of ${code(fields)}` : `one ${code(fields)}`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/**
 * A Markdown table of the plugin's tools, built from the definition alone:
 * name, the description's first sentence, inputs (`?` when optional, enum
 * values and defaults), the output fields, readOnly and dangerous.
 */
export function renderToolTable(plugin: Pick<PluginDefinition, 'tools'>): string {
  const header = ['Tool', 'What it does', 'Input', 'Returns', 'readOnly', 'dangerous'];
  const rows = plugin.tools.map((tool) => [
    code(tool.name),
    summary(tool.description),
    inputs(tool),
    returns(tool),
    tool.readOnly ? 'yes' : 'no',
    tool.dangerous ? '**yes**' : 'no',
  ]);
  const table = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  const [head, ...body] = table;
  return [line(head ?? header), rule, ...body.map(line)].join('\n');
}

/**
 * The README with the text between its tool-table markers replaced by
 * {@link renderToolTable}, followed by the resource and prompt tables when
 * the plugin offers any. Throws when the markers are missing, so a README
 * never silently loses its table.
 */
export function replaceToolTable(
  readme: string,
  plugin: Pick<PluginDefinition, 'name' | 'tools'> &
    Partial<Pick<PluginDefinition, 'resources' | 'resourceTemplates' | 'prompts'>>,
): string {
  const begin = readme.indexOf(TOOL_TABLE_BEGIN);
  const end = readme.indexOf(TOOL_TABLE_END);
  if (begin < 0 || end < begin) {
    throw new Error(`the README of plugin "${plugin.name}" has no ${TOOL_TABLE_BEGIN} … ${TOOL_TABLE_END} markers`);
  }
  const before = readme.slice(0, begin + TOOL_TABLE_BEGIN.length);
  const catalog = renderCatalogTables({
    name: plugin.name,
    resources: plugin.resources ?? [],
    resourceTemplates: plugin.resourceTemplates ?? [],
    prompts: plugin.prompts ?? [],
  });
  return `${before}\n\n${renderToolTable(plugin)}${catalog}\n\n${readme.slice(end)}`;
}
