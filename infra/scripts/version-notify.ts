// Compares each module's `api_version` with the version its upstream serves
// today (spec-inf §9.2) and reports exactly the modules that changed.
// Run weekly by .github/workflows/version-notify.yml with Node 24:
//
//   node infra/scripts/version-notify.ts --modules modules.json [--output issue.md]
//
// `modules.json` is `mcpist plugins list --json`. Sources, all without a token:
//   github           GET <github>/versions: the REST API versions GitHub supports (newest last when sorted)
//   notion           the `notion-version` header of GET <notion>/v1/users (the version Notion answers with)
//   google-calendar  GET <google>/discovery/v1/apis?name=calendar&preferred=true: items[0].version
//   jira, confluence no machine-readable source: listed for a look at Atlassian's changelog
// Exit code 0 (with or without changes), 1 when a source could not be read.
// With GITHUB_OUTPUT set, writes `changed=<modules>` and `title=<issue title>` for the workflow.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface VersionSources {
  github: string;
  notion: string;
  google: string;
}

export const DEFAULT_SOURCES: VersionSources = {
  github: 'https://api.github.com',
  notion: 'https://api.notion.com',
  google: 'https://www.googleapis.com',
};

/** What Atlassian's modules need instead of a comparison. */
const MANUAL: Record<string, string> = {
  jira: 'https://developer.atlassian.com/cloud/jira/platform/changelog/',
  confluence: 'https://developer.atlassian.com/cloud/confluence/changelog/',
};

export interface ModuleVersion {
  module: string;
  api_version?: string;
}

export interface VersionCheck {
  module: string;
  current: string;
  latest?: string;
  status: 'changed' | 'unchanged' | 'manual' | 'unknown' | 'error';
  detail?: string;
}

const bare = (url: string) => url.replace(/\/+$/, '');

async function upstreamVersion(module: string, sources: VersionSources): Promise<string | undefined> {
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { headers: { 'user-agent': 'mcpist-version-notify', ...headers } });
    return response;
  };
  if (module === 'github') {
    const response = await get(`${bare(sources.github)}/versions`, { accept: 'application/vnd.github+json' });
    if (!response.ok) throw new Error(`GET /versions: HTTP ${response.status}`);
    const versions = (await response.json()) as unknown;
    if (!Array.isArray(versions) || versions.length === 0) throw new Error('GET /versions: not a list of versions');
    return versions.map(String).sort().at(-1);
  }
  if (module === 'notion') {
    const response = await get(`${bare(sources.notion)}/v1/users`);
    await response.body?.cancel();
    const version = response.headers.get('notion-version');
    if (!version) throw new Error(`GET /v1/users: no notion-version header (HTTP ${response.status})`);
    return version;
  }
  if (module === 'google-calendar') {
    const response = await get(`${bare(sources.google)}/discovery/v1/apis?name=calendar&preferred=true`);
    if (!response.ok) throw new Error(`discovery: HTTP ${response.status}`);
    const list = (await response.json()) as { items?: Array<{ version?: string }> };
    const version = list.items?.[0]?.version;
    if (!version) throw new Error('discovery: no preferred calendar API');
    return version;
  }
  return undefined;
}

/** Checks every module; never throws for one source's failure (that module is `error`). */
export async function checkVersions(
  modules: readonly ModuleVersion[],
  sources: VersionSources = DEFAULT_SOURCES,
): Promise<VersionCheck[]> {
  return Promise.all(
    modules.map(async ({ module, api_version: current = '' }): Promise<VersionCheck> => {
      const manual = MANUAL[module];
      if (manual) return { module, current, status: 'manual', detail: manual };
      try {
        const latest = await upstreamVersion(module, sources);
        if (latest === undefined) return { module, current, status: 'unknown', detail: 'no version source' };
        return { module, current, latest, status: latest === current ? 'unchanged' : 'changed' };
      } catch (error) {
        return { module, current, status: 'error', detail: (error as Error).message };
      }
    }),
  );
}

/** The issue to open (label `api-version-change`) when some module changed. */
export function issueFor(checks: readonly VersionCheck[]): { title: string; body: string } | undefined {
  const changed = checks.filter((check) => check.status === 'changed');
  if (changed.length === 0) return undefined;
  const title = `API version change: ${changed.map((c) => `${c.module} ${c.current} → ${c.latest}`).join(', ')}`;
  const rows = checks.map(
    (c) =>
      `| ${c.module} | ${c.current || '—'} | ${c.latest ?? '—'} | ${c.status}${c.detail ? ` (${c.detail})` : ''} |`,
  );
  const body = [
    'The weekly version check (`infra/scripts/version-notify.ts`) found upstream API versions that differ from',
    "what the plugins declare. Review each upstream's changelog, update the plugin (its `apiVersion` and any",
    'changed calls), then close this issue.',
    '',
    '| module | declared | upstream | status |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  return { title, body };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      modules: { type: 'string' },
      output: { type: 'string' },
      'github-api': { type: 'string', default: DEFAULT_SOURCES.github },
      'notion-api': { type: 'string', default: DEFAULT_SOURCES.notion },
      'google-api': { type: 'string', default: DEFAULT_SOURCES.google },
    },
  });
  if (!values.modules) {
    console.error('version-notify: --modules <file> (the output of `mcpist plugins list --json`) is required');
    process.exit(2);
  }
  const listed = JSON.parse(readFileSync(values.modules, 'utf8')) as { loaded?: ModuleVersion[] };
  const checks = await checkVersions(listed.loaded ?? [], {
    github: values['github-api'],
    notion: values['notion-api'],
    google: values['google-api'],
  });
  for (const c of checks) {
    console.log(`${c.module}\t${c.current || '-'}\t${c.latest ?? '-'}\t${c.status}${c.detail ? `\t${c.detail}` : ''}`);
  }
  const issue = issueFor(checks);
  if (issue && values.output) writeFileSync(values.output, issue.body);
  if (process.env.GITHUB_OUTPUT) {
    const changed = checks.filter((c) => c.status === 'changed').map((c) => c.module);
    appendFileSync(process.env.GITHUB_OUTPUT, `changed=${changed.join(',')}\ntitle=${issue?.title ?? ''}\n`);
  }
  process.exit(checks.some((c) => c.status === 'error') ? 1 : 0);
}
