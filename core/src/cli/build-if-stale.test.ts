import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test-support/test-hub.js';

// `npm start` runs core/scripts/build-if-stale.mjs: here in a miniature repository whose "npm" only records the call.
let root: string;
const marker = () => join(root, 'npm-was-run');

function start() {
  const run = spawnSync(process.execPath, [join(root, 'core/scripts/build-if-stale.mjs')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', npm_execpath: join(root, 'fake-npm.mjs') },
  });
  return { status: run.status, stderr: run.stderr, built: existsSync(marker()) };
}

const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mcpist-build-check-'));
  for (const dir of ['core/scripts', 'core/src', 'core/dist', 'plugins/sdk/src', 'supabase/migrations']) {
    mkdirSync(join(root, dir), { recursive: true });
  }
  copyFileSync(join(REPO_ROOT, 'core/scripts/build-if-stale.mjs'), join(root, 'core/scripts/build-if-stale.mjs'));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({ references: [{ path: 'plugins/sdk' }, { path: 'core' }] }),
  );
  writeFileSync(join(root, 'core/src/main.ts'), '');
  writeFileSync(join(root, 'plugins/sdk/src/index.ts'), '');
  writeFileSync(
    join(root, 'fake-npm.mjs'),
    `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker())}, process.argv.slice(2).join(' '));`,
  );
  const inputs = ['tsconfig.json', 'core/src/main.ts', 'core/src', 'plugins/sdk/src/index.ts', 'plugins/sdk/src'];
  for (const path of [...inputs, 'supabase/migrations']) at(path, 1_000);
});

describe('build-if-stale (npm start)', () => {
  it('builds when there is no complete build yet, saying it is the first', () => {
    expect(start()).toMatchObject({ status: 0, built: true, stderr: /first build/ });
  });

  it('does not build when nothing changed since the last complete build', () => {
    writeFileSync(join(root, 'core/dist/.build-complete'), '');
    at('core/dist/.build-complete', 2_000);
    expect(start()).toEqual({ status: 0, stderr: '', built: false });
  });

  it.each([
    ['a changed source of any project', 'plugins/sdk/src/index.ts'],
    ['a changed migration', 'supabase/migrations'],
    ['a changed tsconfig', 'tsconfig.json'],
  ])('builds after %s', (_name, path) => {
    writeFileSync(join(root, 'core/dist/.build-complete'), '');
    at('core/dist/.build-complete', 2_000);
    at(path, 3_000);
    expect(start()).toMatchObject({ status: 0, built: true, stderr: /sources changed/ });
  });

  it('notices a deleted source (its folder changed)', () => {
    writeFileSync(join(root, 'core/dist/.build-complete'), '');
    at('core/dist/.build-complete', 2_000);
    rmSync(join(root, 'core/src/main.ts'));
    expect(start().built).toBe(true);
  });
});
