import type { PluginDefinition } from '../define-plugin.js';

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [head, ...body] = all;
  return [line(head ?? header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...body.map(line)].join(
    '\n',
  );
}

/**
 * Markdown tables of the plugin's resources (fixed and templates) and
 * prompts, for the README's generated section after the tool table; empty
 * for a plugin that offers neither.
 */
export function renderCatalogTables(
  plugin: Pick<PluginDefinition, 'name' | 'resources' | 'resourceTemplates' | 'prompts'>,
): string {
  const parts: string[] = [];
  const resources = [...(plugin.resources ?? []), ...(plugin.resourceTemplates ?? [])];
  if (resources.length > 0) {
    const rows = resources.map((entry) => [
      code(entry.kind === 'resource' ? entry.uri : entry.uriTemplate),
      entry.description,
      entry.mimeType,
      entry.requires ? code(entry.requires) : 'the module',
      entry.kind === 'template' && Object.keys(entry.complete).length > 0
        ? Object.keys(entry.complete).map(code).join(', ')
        : '—',
    ]);
    parts.push(
      `Resources (\`resources/read\`):\n\n${table(['URI', 'What it holds', 'MIME type', 'Visible with', 'Completes'], rows)}`,
    );
  }
  const prompts = plugin.prompts ?? [];
  if (prompts.length > 0) {
    const rows = prompts.map((prompt) => [
      code(`${plugin.name}_${prompt.name}`),
      prompt.title ?? prompt.description,
      prompt.argumentList.map((argument) => code(argument.required ? argument.name : `${argument.name}?`)).join(', ') ||
        '—',
      Object.keys(prompt.complete).map(code).join(', ') || '—',
    ]);
    parts.push(
      `Prompts (\`prompts/get\`):\n\n${table(['Prompt', 'What it asks for', 'Arguments', 'Completes'], rows)}`,
    );
  }
  return parts.map((part) => `\n\n${part}`).join('');
}
