import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An installed package that may hold a plugin. */
export interface PluginCandidate {
  packageName: string;
  packageVersion: string | undefined;
  packageDir: string;
  /** True when found by its `"mcpist": { "plugin": true }` marker rather than named in config. */
  discovered: boolean;
}

interface PackageJson {
  name?: string;
  version?: string;
  mcpist?: { plugin?: boolean };
}

function readPackageJson(dir: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** node_modules folders from `start` up to the file system root. */
function nodeModulesUpFrom(start: string): string[] {
  const dirs: string[] = [];
  let current = resolve(start);
  const { root } = parse(current);
  while (true) {
    const candidate = join(current, 'node_modules');
    if (existsSync(candidate)) dirs.push(candidate);
    if (current === root) break;
    current = dirname(current);
  }
  return dirs;
}

/** The folders searched for plugins: configured paths, then the working directory's and the core's node_modules. */
export function pluginSearchPaths(pluginPaths: readonly string[], cwd = process.cwd()): string[] {
  const coreDir = dirname(fileURLToPath(import.meta.url));
  const all = [...pluginPaths.map((p) => resolve(cwd, p)), ...nodeModulesUpFrom(cwd), ...nodeModulesUpFrom(coreDir)];
  const seen = new Set<string>();
  return all.filter((dir) => {
    if (!existsSync(dir)) return false;
    const real = realpathSync(dir);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

function packageDirs(nodeModules: string): string[] {
  const dirs: string[] = [];
  // Sorted, so which of two packages claiming one module name wins does not depend on the file system.
  const entries = readdirSync(nodeModules, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    const full = join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      for (const scoped of readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (scoped.isDirectory() || scoped.isSymbolicLink()) dirs.push(join(full, scoped.name));
      }
    } else {
      dirs.push(full);
    }
  }
  return dirs;
}

/**
 * Finds plugin packages: the names given in config (first match along the
 * search paths wins) plus, when `autoDiscover` is on, every installed package
 * whose package.json says `"mcpist": { "plugin": true }`. Names that cannot be
 * found are returned in `missing`.
 */
export function discoverPlugins(options: {
  names: readonly string[];
  searchPaths: readonly string[];
  autoDiscover: boolean;
}): { candidates: PluginCandidate[]; missing: string[] } {
  const byName = new Map<string, PluginCandidate>();
  const missing: string[] = [];
  for (const name of options.names) {
    const dir = options.searchPaths.map((base) => join(base, name)).find((d) => existsSync(join(d, 'package.json')));
    const pkg = dir ? readPackageJson(dir) : undefined;
    if (!dir || !pkg) {
      missing.push(name);
      continue;
    }
    byName.set(name, {
      packageName: name,
      packageVersion: pkg.version,
      packageDir: realpathSync(dir),
      discovered: false,
    });
  }
  if (options.autoDiscover) {
    for (const base of options.searchPaths) {
      for (const dir of packageDirs(base)) {
        const pkg = readPackageJson(dir);
        if (!pkg?.name || pkg.mcpist?.plugin !== true || byName.has(pkg.name)) continue;
        byName.set(pkg.name, {
          packageName: pkg.name,
          packageVersion: pkg.version,
          packageDir: realpathSync(dir),
          discovered: true,
        });
      }
    }
  }
  return { candidates: [...byName.values()], missing };
}
