import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPluginDefinition, PLUGIN_API_VERSION, type PluginDefinition } from '@mcpist/plugin-sdk';
import { type Package, exports as resolveExports } from 'resolve.exports';
import semver from 'semver';
import type { PluginCandidate } from './discover-plugins.js';
import { PluginLoadCodes, type PluginLoadFailure } from './plugin-load-error.js';

/** A plugin that passed every check. */
export interface LoadedPlugin {
  definition: PluginDefinition;
  packageName: string;
  packageVersion: string | undefined;
}

const requireHere = createRequire(import.meta.url);

/** Plugin API versions this core serves: the same major as its SDK. */
export const SUPPORTED_PLUGIN_API = `^${semver.major(PLUGIN_API_VERSION)}.0.0`;

/**
 * The module file Node would import for a package: its `exports` under the
 * conditions of an ESM import (resolved by `resolve.exports`, since Node only
 * resolves package names from the importing module, not for an arbitrary
 * folder), else `main` and the `index.js` fallbacks as Node's own resolver
 * applies them to a folder.
 */
export function entryPoint(packageDir: string): string {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Package;
  if (pkg.exports === undefined) return requireHere.resolve(packageDir);
  // Throws when the package exports no "." entry: importing it by name would fail the same way.
  const [target] = resolveExports(pkg, '.', { conditions: ['module-sync'] }) ?? [];
  if (!target) throw new Error(`package.json of ${packageDir} exports no module for "."`);
  return join(packageDir, target);
}

function problemsOf(definition: PluginDefinition): string | undefined {
  for (const tool of definition.tools) {
    if (typeof tool.handler !== 'function') return `tool "${tool.name}" has no handler`;
    if (typeof tool.input?.safeParse !== 'function') return `tool "${tool.name}" has no input schema`;
    // `in`, not the value: the SDK computes a tool's JSON Schema on first use, not at load.
    if (!('inputSchema' in (tool as object))) return `tool "${tool.name}" has no JSON Schema`;
  }
  return undefined;
}

/**
 * Imports one candidate and checks it: a branded definition, a compatible
 * plugin API, well-formed tools. Never throws: a bad plugin comes back as a
 * coded failure so the server can start without it.
 */
export async function loadPlugin(candidate: PluginCandidate): Promise<LoadedPlugin | PluginLoadFailure> {
  const fail = (code: PluginLoadFailure['code'], message: string, moduleName?: string): PluginLoadFailure => ({
    packageName: candidate.packageName,
    code,
    message,
    ...(moduleName ? { moduleName } : {}),
  });
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(entryPoint(candidate.packageDir)).href)) as Record<string, unknown>;
  } catch (error) {
    return fail(PluginLoadCodes.IMPORT_FAILED, `import failed: ${(error as Error)?.message ?? String(error)}`);
  }
  const definition = namespace.default ?? namespace.plugin;
  if (!isPluginDefinition(definition)) {
    return fail(PluginLoadCodes.NOT_A_PLUGIN, 'the default export is not a definePlugin(...) result');
  }
  if (
    !semver.valid(definition.pluginApiVersion) ||
    !semver.satisfies(definition.pluginApiVersion, SUPPORTED_PLUGIN_API)
  ) {
    return fail(
      PluginLoadCodes.API_MISMATCH,
      `built for plugin API ${definition.pluginApiVersion}; this server supports ${SUPPORTED_PLUGIN_API}`,
      definition.name,
    );
  }
  const problem = problemsOf(definition);
  if (problem) return fail(PluginLoadCodes.INVALID, problem, definition.name);
  return { definition, packageName: candidate.packageName, packageVersion: candidate.packageVersion };
}

export function isLoadFailure(result: LoadedPlugin | PluginLoadFailure): result is PluginLoadFailure {
  return 'code' in result;
}
