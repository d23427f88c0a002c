import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPoint } from './load-plugin.js';

/** Writes a package folder with the given package.json fields and every file it might point at. */
function writePackage(fields: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpist-entry-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', type: 'module', ...fields }));
  for (const file of ['index.js', 'main.js', 'esm.js', 'cjs.cjs', 'node.js', 'fallback.js', 'src.ts']) {
    writeFileSync(join(dir, file), '');
  }
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'index.js'), '');
  return dir;
}

describe('entryPoint resolves a plugin package the way an ESM import would', () => {
  it.each([
    ['no exports, no main: index.js', {}, 'index.js'],
    ['main', { main: 'main.js' }, 'main.js'],
    ['main naming a folder', { main: 'lib' }, 'lib/index.js'],
    ['exports as a string, over main', { exports: './esm.js', main: 'main.js' }, 'esm.js'],
    ['import over require', { exports: { require: './cjs.cjs', import: './esm.js' } }, 'esm.js'],
    [
      'first matching condition in key order',
      { exports: { default: './fallback.js', import: './esm.js' } },
      'fallback.js',
    ],
    [
      'nested conditions',
      { exports: { node: { require: './cjs.cjs', import: './node.js' }, default: './fallback.js' } },
      'node.js',
    ],
    ['the "." subpath', { exports: { './package.json': './package.json', '.': { import: './esm.js' } } }, 'esm.js'],
    [
      'a workspace source condition is not followed',
      { exports: { '@mcpist/source': './src.ts', default: './esm.js' } },
      'esm.js',
    ],
  ])('%s', (_case, fields, expected) => {
    const dir = writePackage(fields);
    expect(entryPoint(dir)).toBe(join(dir, expected));
  });

  it('refuses a package whose exports have no "." entry, as importing it by name would', () => {
    const dir = writePackage({ exports: { './sub': './esm.js' }, main: 'main.js' });
    expect(() => entryPoint(dir)).toThrow(/"\."/);
  });
});
