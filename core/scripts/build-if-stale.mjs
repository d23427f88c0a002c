// `npm start` builds only when an input changed since the last complete build.
// An up-to-date `npm run build` still costs about a second (npm, tsc -b's own
// check, the template check); comparing modification times costs milliseconds.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const stamp = join(root, 'core/dist/.build-complete');

/** Newest modification time (ms) under `path`, a file or a folder; 0 if it does not exist. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** `first`, `changed`, or undefined when the build is up to date. */
function staleness() {
  let built;
  try {
    built = statSync(stamp).mtimeMs;
  } catch {
    return 'first';
  }
  // The projects `tsc -b` builds, from the root tsconfig, so a new workspace is covered without editing this list.
  const projects = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).references.map((r) => r.path);
  const inputs = [
    'tsconfig.json',
    'tsconfig.base.json',
    'package-lock.json',
    'supabase/migrations',
    'core/scripts/make-db-template.mjs',
    // The admin UI's static export (admin/out), built by the same `npm run build`.
    'admin/app',
    'admin/components',
    'admin/lib',
    'admin/package.json',
    'admin/next.config.ts',
    ...projects.flatMap((project) => [`${project}/src`, `${project}/tsconfig.json`, `${project}/package.json`]),
  ];
  return inputs.some((input) => newest(join(root, input)) > built) ? 'changed' : undefined;
}

const why = staleness();
if (why) {
  process.stderr.write(
    why === 'first'
      ? 'mcpist: first build: compiling TypeScript, then preparing the database template (a minute or two)…\n'
      : 'mcpist: building (sources changed since the last build)…\n',
  );
  const npm = process.env.npm_execpath;
  const run = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(run.status ?? 1);
}
