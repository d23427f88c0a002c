import { discoverPlugins, pluginSearchPaths } from './discover-plugins.js';
import { isLoadFailure, type LoadedPlugin, loadPlugin } from './load-plugin.js';
import { PluginLoadCodes, type PluginLoadFailure } from './plugin-load-error.js';

export interface PluginLoadReport {
  loaded: LoadedPlugin[];
  failed: PluginLoadFailure[];
}

export interface LoadPluginsOptions {
  names: readonly string[];
  pluginPaths: readonly string[];
  autoDiscover: boolean;
  cwd?: string;
}

/** Discovers and loads every plugin once, at start-up. Failures are collected, never thrown. */
export async function loadPlugins(options: LoadPluginsOptions): Promise<PluginLoadReport> {
  const searchPaths = pluginSearchPaths(options.pluginPaths, options.cwd);
  const { candidates, missing } = discoverPlugins({
    names: options.names,
    searchPaths,
    autoDiscover: options.autoDiscover,
  });
  const failed: PluginLoadFailure[] = missing.map((packageName) => ({
    packageName,
    code: PluginLoadCodes.NOT_FOUND,
    message: `package not installed in ${searchPaths.join(', ') || 'any node_modules folder'}`,
  }));
  const loaded: LoadedPlugin[] = [];
  const results = await Promise.all(candidates.map((candidate) => loadPlugin(candidate)));
  for (const result of results) {
    if (isLoadFailure(result)) {
      failed.push(result);
      continue;
    }
    const clash = loaded.find((other) => other.definition.name === result.definition.name);
    if (clash) {
      failed.push({
        packageName: result.packageName,
        moduleName: result.definition.name,
        code: PluginLoadCodes.DUPLICATE,
        message: `module "${result.definition.name}" is already served by ${clash.packageName}`,
      });
      continue;
    }
    loaded.push(result);
  }
  return { loaded, failed };
}
