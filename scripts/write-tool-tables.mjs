#!/usr/bin/env node
// Writes each plugin README's tool table from the plugin's definition (between the
// `<!-- tools:begin … -->` and `<!-- tools:end -->` markers). Run through `npm run docs:tools`,
// which builds the packages first: the definitions are read from their dist.
// Each plugin's index.test.ts fails while a README differs from what this writes.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { replaceToolTable } from '@mcpist/plugin-sdk/docs';

const pluginsDir = new URL('../plugins/', import.meta.url);

for (const entry of await readdir(pluginsDir, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const dir = join(pluginsDir.pathname, entry.name);
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  if (manifest.mcpist?.plugin !== true) continue;
  const { default: plugin } = await import(pathToFileURL(join(dir, 'dist', 'index.js')).href);
  const readmePath = join(dir, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const updated = replaceToolTable(readme, plugin);
  if (updated === readme) {
    console.log(`${entry.name}: README tool table is current`);
  } else {
    await writeFile(readmePath, updated);
    console.log(`${entry.name}: README tool table rewritten`);
  }
}
