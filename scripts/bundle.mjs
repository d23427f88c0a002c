// `npm run bundle`: the production folder the image runs (infra/Dockerfile) and
// the bundle test starts with plain `node` from outside the repository.
//
//   node scripts/bundle.mjs [--out <dir>]      (default ./dist/bundle; run after `npm run build`)
//
// The folder mirrors the repository's layout, so every path the core reads
// relative to itself holds unchanged: core/dist + core/package.json +
// core/templates, each plugin workspace as `npm pack` would publish it,
// supabase/migrations (the core applies them), admin/out when the admin UI was
// exported, and node_modules with the production dependencies only — exactly
// the packages `npm ls --omit=dev` reports for these workspaces, copied from
// the installed tree (no second install, no registry). Workspace packages stay
// reachable as relative symlinks in node_modules/@mcpist/, as npm links them.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The admin UI ships as its static export (admin/out), never as a Next.js workspace with its dependencies. */
const NOT_BUNDLED = new Set(['admin']);

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/bundle' } } });
const OUT = resolve(values.out);
if (OUT === ROOT || !relative(ROOT, OUT) || ROOT.startsWith(OUT + sep)) {
  throw new Error(`bundle: refusing to write into ${OUT}`);
}

const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const workspaces = rootPackage.workspaces.filter((ws) => !NOT_BUNDLED.has(ws));
if (!existsSync(join(ROOT, 'core/dist/.build-complete'))) {
  throw new Error('bundle: no complete build (core/dist/.build-complete); run `npm run build` first');
}

const npm = (args) =>
  execFileSync('npm', [...args, ...workspaces.flatMap((ws) => ['-w', ws])], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// 1. Workspaces: the files `npm pack` would publish (their "files" field), at the same paths.
const packs = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts']));
for (const [index, pack] of packs.entries()) {
  for (const file of pack.files) {
    const from = join(ROOT, workspaces[index], file.path);
    const to = join(OUT, workspaces[index], file.path);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { preserveTimestamps: true });
  }
}
// The core's build products `npm pack` leaves out by its ignore rules (the PGlite template's data folder).
cpSync(join(ROOT, 'core/dist'), join(OUT, 'core/dist'), { recursive: true, preserveTimestamps: true });

// 2. Production dependencies: every path `npm ls --omit=dev` lists, without its nested node_modules
//    (those it lists separately when they are production dependencies too).
let listed;
try {
  listed = npm(['ls', '--omit=dev', '--all', '--parseable']);
} catch {
  // A tree npm calls broken (missing, invalid or extraneous packages; npm printed which) is not shipped.
  throw new Error('bundle: `npm ls --omit=dev` reports problems in the installed tree (above); run `npm ci` first');
}
const paths = listed
  .split('\n')
  .filter(Boolean)
  .map((path) => relative(ROOT, path))
  .filter((path) => path.split(sep).includes('node_modules'));
let packages = 0;
for (const path of new Set(paths)) {
  const from = join(ROOT, path);
  const to = join(OUT, path);
  mkdirSync(dirname(to), { recursive: true });
  if (lstatSync(from).isSymbolicLink()) {
    // A workspace link (node_modules/@mcpist/core -> ../../core): keep it relative, so the folder can move.
    const target = resolve(dirname(from), readlinkSync(from));
    symlinkSync(relative(dirname(from), target), to, 'dir');
    continue;
  }
  cpSync(from, to, {
    recursive: true,
    preserveTimestamps: true,
    filter: (source) => !relative(from, source).split(sep).includes('node_modules'),
  });
  packages += 1;
}

// 3. What the core reads at run time outside its package.
cpSync(join(ROOT, 'supabase/migrations'), join(OUT, 'supabase/migrations'), { recursive: true });
cpSync(join(ROOT, 'supabase/local'), join(OUT, 'supabase/local'), { recursive: true });
const adminOut = join(ROOT, 'admin/out');
const withAdmin = existsSync(join(adminOut, 'index.html'));
if (withAdmin) cpSync(adminOut, join(OUT, 'admin/out'), { recursive: true });
cpSync(join(ROOT, 'infra/docker-entrypoint.sh'), join(OUT, 'docker-entrypoint.sh'));

writeFileSync(
  join(OUT, 'package.json'),
  `${JSON.stringify(
    {
      name: 'mcpist-server',
      version: JSON.parse(readFileSync(join(ROOT, 'core/package.json'), 'utf8')).version,
      private: true,
      description: 'MCPist production bundle: run `node core/dist/cli/main.js serve` (see README.md).',
      type: 'module',
      engines: rootPackage.engines,
      bin: { mcpist: 'core/dist/cli/main.js' },
      scripts: { start: 'node core/dist/cli/main.js serve' },
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  join(OUT, 'README.md'),
  `# MCPist server bundle

Built by \`npm run bundle\` from the MCPist repository: the core, the plugins and
their production dependencies. Needs Node ${rootPackage.engines.node} and nothing else.

    node core/dist/cli/main.js serve --host 0.0.0.0 --port 8088
    node core/dist/cli/main.js --help

Configuration: environment variables or mcpist.config.json (docs/configuration.md
in the repository). Admin UI: ${withAdmin ? 'included (served at /)' : 'not included (admin/out was not built)'}.
`,
);

console.log(
  `bundle: ${OUT} (${workspaces.length} workspaces, ${packages} production packages${withAdmin ? ', admin UI' : ''})`,
);
