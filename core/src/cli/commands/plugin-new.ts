import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLUGIN_NAME_PATTERN } from '@mcpist/plugin-sdk';
import { cliIo } from '../cli-io.js';

/** core/templates/plugin, beside src/ and dist/. */
const TEMPLATE_DIR = fileURLToPath(new URL('../../../templates/plugin/', import.meta.url));

export interface PluginNewOptions {
  /** npm scope, e.g. `@acme`: the package becomes `@acme/mcpist-plugin-<name>`. */
  scope?: string;
  /** Target folder; default `./mcpist-plugin-<name>`. */
  dir?: string;
  /** Shown to users; default the name in title case. */
  displayName?: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * Scaffolds a plugin package (definition, one tool, one test against a fake
 * upstream, README) that passes its own tests as generated. Returns the folder.
 */
export function scaffoldPlugin(name: string, options: PluginNewOptions = {}, cwd = process.cwd()): string {
  if (!PLUGIN_NAME_PATTERN.test(name)) {
    throw new Error(`"${name}" is not a plugin name: use lower case letters, digits and dashes (e.g. my-service)`);
  }
  if (options.scope !== undefined && !/^@[a-z0-9][a-z0-9._-]*$/.test(options.scope)) {
    throw new Error(`"${options.scope}" is not an npm scope (e.g. @acme)`);
  }
  const packageName = `${options.scope ? `${options.scope}/` : ''}mcpist-plugin-${name}`;
  const target = resolve(cwd, options.dir ?? `mcpist-plugin-${name}`);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} exists and is not empty`);
  const values: Record<string, string> = {
    name,
    packageName,
    displayName:
      options.displayName ??
      name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash ? ' ' : ''}${c.toUpperCase()}`),
    envName: name.toUpperCase().replaceAll('-', '_'),
    sdkVersion: (createRequire(import.meta.url)('@mcpist/plugin-sdk/package.json') as { version: string }).version,
  };
  for (const file of filesUnder(TEMPLATE_DIR)) {
    const out = join(target, relative(TEMPLATE_DIR, file).replace(/\.tmpl$/, ''));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      readFileSync(file, 'utf8').replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match),
    );
  }
  return target;
}

export function pluginNew(name: string, options: PluginNewOptions): void {
  const target = scaffoldPlugin(name, options);
  cliIo().stdout.write(
    [
      `created ${target}`,
      'next:',
      `  cd ${relative(process.cwd(), target) || '.'}`,
      '  npm install && npm test',
      '  npm pack   # then npm install the .tgz next to MCPist, or npm publish',
      '',
    ].join('\n'),
  );
}
