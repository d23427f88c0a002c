import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { denoBinary } from '../core/src/test-support/edge-functions.js';
import { REPO_ROOT } from '../core/src/test-support/test-hub.js';

interface DenoModule {
  specifier: string;
  dependencies?: Array<{ specifier: string; code?: { specifier: string } }>;
}

/**
 * What the Edge Functions run (ADR 0042), as Deno resolves it, offline: the
 * functions' own folder, the core's runtime-neutral code and three npm
 * packages. Only what is executed counts (type-only imports are erased).
 */
function runtimeGraph(entry: string): { local: string[]; packages: Map<string, string[]>; builtins: string[] } {
  const denoDir = mkdtempSync(join(tmpdir(), 'mcpist-deno-info-'));
  try {
    const info = JSON.parse(
      execFileSync(
        denoBinary(),
        ['info', '--json', '--no-remote', '--node-modules-dir=manual', '--sloppy-imports', entry],
        { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', DENO_DIR: denoDir, NO_COLOR: '1' }, encoding: 'utf8' },
      ),
    ) as { modules: DenoModule[] };
    const modules = new Map(info.modules.map((module) => [module.specifier, module]));
    const local: string[] = [];
    const packages = new Map<string, string[]>();
    const builtins: string[] = [];
    const seen = new Set<string>();
    const queue = [pathToFileURL(join(REPO_ROOT, entry)).href];
    while (queue.length > 0) {
      const specifier = queue.shift() as string;
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      const path = relative(REPO_ROOT, fileURLToPath(specifier));
      local.push(path);
      for (const dependency of modules.get(specifier)?.dependencies ?? []) {
        const target = dependency.code?.specifier;
        if (!target) continue;
        if (target.startsWith('node:')) builtins.push(`${path} imports ${target}`);
        else if (target.includes('/node_modules/'))
          packages.set(dependency.specifier, [...(packages.get(dependency.specifier) ?? []), path]);
        else queue.push(target);
      }
    }
    return { local, packages, builtins };
  } finally {
    rmSync(denoDir, { recursive: true, force: true });
  }
}

const FUNCTIONS = readdirSync(join(REPO_ROOT, 'supabase/functions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => entry.name);

describe('the Edge Functions run the core, not a copy of it', () => {
  it('has the three functions the seeds name, each at <name>/index.ts as the Supabase CLI expects', () => {
    expect(FUNCTIONS.sort()).toEqual(['oauth-callback', 'token-exchanger', 'tool-sieve']);
  });

  it.each(FUNCTIONS)('%s loads the core from the repository, with no Node built-in and only known packages', (name) => {
    const graph = runtimeGraph(`supabase/functions/${name}/index.ts`);
    expect(graph.builtins).toEqual([]);
    // Every file is the function's own folder, the shared folder, or the core's sources: no second copy anywhere.
    for (const path of graph.local) expect(path).toMatch(/^(supabase\/functions\/|core\/src\/)/);
    expect(graph.local).toContain('core/src/neutral/token-broker.ts');
    // The PostgreSQL driver is the functions' own concern; the core's code needs Web APIs, jose and openid-client only.
    expect([...graph.packages.keys()].sort()).toEqual(['jose', 'openid-client', 'pg']);
    expect(graph.packages.get('pg')).toEqual(['supabase/functions/_shared/database.ts']);
    // Which core folders the functions run: the runtime-neutral one, the error catalogue and the SQL repositories.
    const coreFolders = new Set(
      graph.local.filter((path) => path.startsWith('core/src/')).map((path) => path.split('/').slice(0, -1).join('/')),
    );
    expect([...coreFolders].sort()).toEqual(['core/src/errors', 'core/src/neutral', 'core/src/store/repositories']);
  });

  it("type-checks under Deno's own definitions, offline (not only the repository's tsc with Node's)", () => {
    const denoDir = mkdtempSync(join(tmpdir(), 'mcpist-deno-check-'));
    try {
      const entries = [
        ...FUNCTIONS.map((name) => `supabase/functions/${name}/index.ts`),
        'supabase/local/serve-functions.ts',
      ];
      execFileSync(
        denoBinary(),
        ['check', '--no-remote', '--node-modules-dir=manual', '--sloppy-imports', '--quiet', ...entries],
        { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', DENO_DIR: denoDir, NO_COLOR: '1' }, stdio: 'pipe' },
      );
    } finally {
      rmSync(denoDir, { recursive: true, force: true });
    }
  }, 120_000);
});
