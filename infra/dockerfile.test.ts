import { readFileSync } from 'node:fs';
import type { Copy, Healthcheck, Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { args, DOCKERFILE, healthcheckCommand, jsonArgs, of, stages } from './dockerfile-instructions.js';

/**
 * infra/Dockerfile, linted by the Docker language server's validator
 * (dockerfile-utils) and checked as parsed instructions (dockerfile-ast):
 * the image only copies and runs `npm run bundle`'s folder, as a non-root
 * user, on port 8088, with a health check.
 */

const ROOT = new URL('../', import.meta.url);
const content = DOCKERFILE;
const runtime = stages.at(-1) ?? [];
const build = stages[0] ?? [];
const flags = (instruction: Instruction) =>
  (instruction as Copy).getFlags().map((flag) => `--${flag.getName()}=${flag.getValue()}`);

describe('infra/Dockerfile', () => {
  it('has no problem the Docker language server reports', () => {
    const problems = validate(content).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('is multi-stage on a slim Node 24 base', () => {
    expect(stages.length).toBe(2);
    for (const stage of stages) expect(args(stage[0])[0]).toBe('node:24-bookworm-slim');
  });

  it('copies every workspace manifest before installing, so the lockfile install sees all workspaces', () => {
    const workspaces = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { workspaces: string[] })
      .workspaces;
    const install = build.findIndex((i) => i.getKeyword() === 'RUN' && /npm ci/.test(i.getArgumentsContent() ?? ''));
    const copied = of(build.slice(0, install), 'COPY').map((i) => args(i)[0]);
    for (const workspace of workspaces) expect(copied).toContain(`${workspace}/package.json`);
  });

  it('builds the bundle in the build stage, and the runtime stage only copies and runs it', () => {
    expect(of(build, 'RUN').some((i) => /npm run bundle/.test(i.getArgumentsContent() ?? ''))).toBe(true);
    const copies = of(runtime, 'COPY');
    expect(copies.map((i) => [...flags(i), ...args(i)])).toEqual([['--from=build', '/src/dist/bundle/', '/app/']]);
    // scripts/bundle.mjs writes dist/bundle by default; the build stage's WORKDIR is /src.
    expect(of(build, 'WORKDIR').map((i) => args(i)[0])).toEqual(['/src']);
    expect(readFileSync(new URL('scripts/bundle.mjs', ROOT), 'utf8')).toMatch(/default: ['"]dist\/bundle['"]/);
    for (const run of of(runtime, 'RUN')) expect(run.getArgumentsContent()).not.toMatch(/\bnpm\b|\bnpx\b/);
    expect(jsonArgs(of(runtime, 'CMD')[0])).toEqual([
      'node',
      'core/dist/cli/main.js',
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '8088',
    ]);
    expect(jsonArgs(of(runtime, 'ENTRYPOINT')[0])).toEqual(['/bin/sh', '/app/docker-entrypoint.sh']);
  });

  it('runs as a non-root user, exposes 8088 and checks /health', () => {
    const users = of(runtime, 'USER').map((i) => args(i)[0]);
    expect(users.length).toBe(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    // Nothing after USER switches back to root.
    const userAt = runtime.findIndex((i) => i.getKeyword() === 'USER');
    expect(of(runtime.slice(userAt), 'RUN')).toEqual([]);
    expect(of(runtime, 'EXPOSE').flatMap((i) => args(i))).toEqual(['8088']);
    const healthcheck = of(runtime, 'HEALTHCHECK')[0] as Healthcheck | undefined;
    const flags = Object.fromEntries(healthcheck?.getFlags().map((f) => [f.getName(), f.getValue()]) ?? []);
    expect(flags).toMatchObject({ interval: '30s', timeout: '5s', retries: '3' });
    expect(healthcheckCommand().join(' ')).toContain('http://127.0.0.1:8088/health');
  });
});
