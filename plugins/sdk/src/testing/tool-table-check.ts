import { readFile } from 'node:fs/promises';
import type { PluginDefinition } from '../define-plugin.js';
import { replaceToolTable } from '../docs/tool-table.js';

/**
 * Fails (throws) when the README's generated tool table differs from what
 * `renderToolTable` makes of the definition today; the message says how to
 * regenerate it. `readme` is the README's path or file URL.
 */
export async function expectToolTableCurrent(plugin: PluginDefinition, readme: string | URL): Promise<void> {
  const text = await readFile(readme, 'utf8');
  if (replaceToolTable(text, plugin) !== text) {
    throw new Error(
      `the tool table in ${String(readme)} is out of date with plugin "${plugin.name}": run \`npm run docs:tools\``,
    );
  }
}
