import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { container as rootContainer } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import { API_ROUTE_MODULES } from '../http/api/api-routes.js';
import { provide, registerProviders, resolveDeps } from './declared-deps.js';
import { Tokens } from './tokens.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Every non-test TypeScript source under core/src, relative to it. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(SRC, path)] : [];
  });
}

describe('declared dependencies', () => {
  it('hands a part exactly the services it declares, under its own names', () => {
    const c = rootContainer.createChildContainer();
    c.register(Tokens.KeyFile, { useValue: '/keys.json' });
    c.register(Tokens.Config, { useValue: { port: 1 } as never });
    const deps = resolveDeps(c, { file: Tokens.KeyFile });
    expect(deps).toEqual({ file: '/keys.json' });
  });

  it('builds each provided service once, on first use, from its declared services', () => {
    const c = rootContainer.createChildContainer();
    c.register(Tokens.KeyFile, { useValue: '/keys.json' });
    const built: string[] = [];
    registerProviders(c, [
      provide(Tokens.PluginReport, { keyFile: Tokens.KeyFile }, ({ keyFile }) => {
        built.push(keyFile);
        return { loaded: [], failed: [] };
      }),
    ]);
    expect(built).toEqual([]);
    expect(c.resolve(Tokens.PluginReport)).toBe(c.resolve(Tokens.PluginReport));
    expect(built).toEqual(['/keys.json']);
  });

  it('every admin API route module declares only registered tokens', () => {
    const known = new Set<unknown>(Object.values(Tokens));
    for (const module of API_ROUTE_MODULES) {
      for (const token of Object.values(module.deps)) expect(known.has(token)).toBe(true);
    }
  });
});

describe('seams', () => {
  const files = sources();

  it('keeps SQL and store kinds inside store/', () => {
    const leaks = files
      .filter((file) => !file.startsWith('store/'))
      .filter((file) => /\.query\(|sql`|kind === '(postgres|pglite)'/.test(readFileSync(join(SRC, file), 'utf8')));
    expect(leaks).toEqual([]);
  });

  it('lets only the composition root and the wiring of the API and CLI touch the container', () => {
    const touching = files.filter((file) =>
      /\.resolve\(Tokens\.|resolveDeps\(/.test(readFileSync(join(SRC, file), 'utf8')),
    );
    expect(touching.sort()).toEqual([
      'cli/admin-channel/admin-channel-server.ts',
      'cli/commands/serve.ts',
      'cli/commands/stdio.ts',
      'cli/commands/with-services.ts',
      'container/compose.ts',
      'container/declared-deps.ts',
      'container/mcpist-server.ts',
      'http/api/api-deps.ts',
      'http/api/api-routes.ts',
    ]);
  });
});
