import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from './load-plugins.js';
import { PluginLoadCodes } from './plugin-load-error.js';

/** Writes a package into `<root>/node_modules/<name>` with the given entry source. */
function writePackage(root: string, name: string, source: string, pkg: Record<string, unknown> = {}): void {
  const dir = join(root, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.2.3', type: 'module', main: 'index.js', mcpist: { plugin: true }, ...pkg }),
  );
  writeFileSync(join(dir, 'index.js'), source);
}

/** A definition branded the way the SDK brands it, without importing the SDK. */
const branded = (name: string, apiVersion: string) => `
  const tool = { name: 'ping', description: 'Answers pong, for tests.', handler: async () => 'pong',
    input: { safeParse: (v) => ({ success: true, data: v }), shape: {} }, inputSchema: { type: 'object' },
    outputFields: [], returns: 'text', dangerous: false, readOnly: true };
  export default Object.freeze({ name: '${name}', displayName: '${name}', description: 'x', version: '1.2.3',
    upstreamApiVersion: 'v1', baseUrl: 'http://127.0.0.1:9', tools: [tool], pluginApiVersion: '${apiVersion}',
    [Symbol.for('mcpist.plugin')]: true });
`;

function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'mcpist-plugins-'));
  writePackage(root, '@acme/mcpist-plugin-good', branded('good', '1.0.0'));
  writePackage(root, 'mcpist-plugin-throws', 'throw new Error("boom at import");');
  writePackage(root, 'mcpist-plugin-future', branded('future', '2.0.0'));
  writePackage(root, 'mcpist-plugin-plain', 'export default { name: "plain" };');
  writePackage(root, 'mcpist-plugin-twin', branded('good', '1.4.0'));
  writePackage(root, 'not-a-plugin', 'throw new Error("must never be imported");', { mcpist: undefined });
  return root;
}

describe('loadPlugins', () => {
  it('loads good plugins and reports each broken one with a stable code', async () => {
    const root = fixtureRoot();
    const report = await loadPlugins({
      names: ['mcpist-plugin-missing'],
      pluginPaths: [join(root, 'node_modules')],
      autoDiscover: true,
      cwd: root,
    });
    const loaded = report.loaded.map((p) => p.packageName);
    expect(loaded).toContain('@acme/mcpist-plugin-good');
    expect(loaded).toContain('@mcpist/plugin-github');
    const codes = Object.fromEntries(report.failed.map((f) => [f.packageName, f.code]));
    expect(codes).toEqual({
      'mcpist-plugin-missing': PluginLoadCodes.NOT_FOUND,
      'mcpist-plugin-throws': PluginLoadCodes.IMPORT_FAILED,
      'mcpist-plugin-future': PluginLoadCodes.API_MISMATCH,
      'mcpist-plugin-plain': PluginLoadCodes.NOT_A_PLUGIN,
      'mcpist-plugin-twin': PluginLoadCodes.DUPLICATE,
    });
    expect(report.failed.find((f) => f.code === PluginLoadCodes.IMPORT_FAILED)?.message).toContain('boom at import');
    expect(loaded).not.toContain('not-a-plugin');
  });

  it('loads only named plugins when auto-discovery is off', async () => {
    const root = fixtureRoot();
    const report = await loadPlugins({
      names: ['@acme/mcpist-plugin-good'],
      pluginPaths: [join(root, 'node_modules')],
      autoDiscover: false,
      cwd: root,
    });
    expect(report.loaded.map((p) => p.definition.name)).toEqual(['good']);
    expect(report.failed).toEqual([]);
  });
});
