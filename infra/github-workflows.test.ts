import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * .github/: every workflow validated by GitHub's own workflow parser and
 * schema (@actions/workflow-parser, from actions/languageservices), then
 * checked for what spec-inf §9.2/§9.3 and spec-ops §3.2/§5.1 ask of it; the
 * scripts the workflows run exist (and are tested beside this file).
 */

const ROOT = new URL('../', import.meta.url);
const WORKFLOWS = new URL('.github/workflows/', ROOT);
const files = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));

interface Step {
  uses?: string;
  run?: string;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[]; container?: string; 'timeout-minutes'?: number }>;
}

const read = (file: string) => readFileSync(new URL(file, WORKFLOWS), 'utf8');
const workflow = (file: string) => parse(read(file)) as Workflow;
const steps = (file: string) => Object.values(workflow(file).jobs).flatMap((job) => job.steps);
const runs = (file: string) => steps(file).flatMap((step) => (step.run ? [step.run] : []));

describe('.github/workflows', () => {
  it('has the four workflows of spec-inf §9.2', () => {
    expect(files.sort()).toEqual(['ci.yml', 'deploy.yml', 'ping.yml', 'version-notify.yml']);
  });

  it.each(files)('%s passes GitHub’s workflow schema', (file) => {
    const result = parseWorkflow({ name: file, content: read(file) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it('would notice a workflow that breaks the schema', () => {
    const broken =
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n        uses: x/y@v1\n';
    const result = parseWorkflow({ name: 'broken.yml', content: broken }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  it('ci.yml runs .ci/run on pushes and pull requests to main and dev, within CI’s 90 minutes', () => {
    const ci = workflow('ci.yml');
    expect(ci.on).toMatchObject({ push: { branches: ['main', 'dev'] }, pull_request: { branches: ['main', 'dev'] } });
    expect(runs('ci.yml')).toContain('bash .ci/run');
    expect(ci.jobs.test?.['timeout-minutes']).toBeLessThanOrEqual(90);
  });

  it('deploy.yml is manual only and runs the tested deploy-and-rollback script with the Koyeb secrets', () => {
    expect(Object.keys(workflow('deploy.yml').on)).toEqual(['workflow_dispatch']);
    expect(runs('deploy.yml')).toEqual(['node infra/scripts/koyeb-deploy.ts']);
    expect(read('deploy.yml')).toContain('KOYEB_API_TOKEN: ${{ secrets.KOYEB_API_TOKEN }}');
    expect(read('deploy.yml')).toContain('KOYEB_SERVICE_ID: ${{ secrets.KOYEB_SERVICE_ID }}');
  });

  it('ping.yml requests /health every 10 minutes and fails on an error answer', () => {
    expect(workflow('ping.yml').on).toMatchObject({ schedule: [{ cron: '*/10 * * * *' }] });
    expect(runs('ping.yml').join('\n')).toMatch(/curl -fsS .*"\$MCPIST_URL\/health"/);
  });

  it('version-notify.yml runs weekly, calls the tested script and opens an api-version-change issue', () => {
    const notify = workflow('version-notify.yml');
    expect(notify.on).toMatchObject({ schedule: [{ cron: '0 0 * * 1' }] });
    expect(notify.permissions).toMatchObject({ issues: 'write' });
    const all = runs('version-notify.yml').join('\n');
    expect(all).toContain('plugins list --json');
    expect(all).toContain('node infra/scripts/version-notify.ts --modules');
    expect(all).toContain('gh issue create --title "$TITLE" --label api-version-change');
  });

  it('runs only repository scripts that exist', () => {
    for (const file of files) {
      for (const run of runs(file)) {
        for (const [, path] of run.matchAll(/(?:node|bash) ((?:infra|\.ci|scripts)\/[\w./-]+)/g)) {
          expect(existsSync(new URL(path as string, ROOT)), `${file}: ${path}`).toBe(true);
        }
      }
    }
  });
});

describe('.github/dependabot.yml', () => {
  const config = parse(readFileSync(new URL('.github/dependabot.yml', ROOT), 'utf8')) as {
    version: number;
    updates: Array<{ 'package-ecosystem': string; directory: string; schedule: { interval: string } }>;
  };

  it('updates npm, the workflows’ actions and the image’s base monthly (spec-ops §5.1)', () => {
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => [u['package-ecosystem'], u.directory, u.schedule.interval])).toEqual([
      ['npm', '/', 'monthly'],
      ['github-actions', '/', 'monthly'],
      ['docker', '/infra', 'monthly'],
    ]);
    expect(existsSync(new URL('infra/Dockerfile', ROOT))).toBe(true);
  });
});
