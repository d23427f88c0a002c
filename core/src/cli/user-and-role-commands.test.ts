import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test-support/test-hub.js';

const CLI = join(REPO_ROOT, 'core/dist/cli/main.js');
let dataDir: string;

/** Runs the built CLI like a user would, with a clean MCPIST_* environment. */
function mcpist(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface ListedRole {
  name: string;
  default: boolean;
  modules: string[];
  masks: Record<string, string[]>;
  members: number;
}
const roles = (): ListedRole[] => JSON.parse(mcpist('role', 'list', '--json').stdout);
const roleNamed = (name: string) => roles().find((role) => role.name === name);

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-roles-'));
  expect(mcpist('user', 'add', 'ann@example.com', '--admin', '--name', 'Ann').status).toBe(0);
  expect(mcpist('user', 'add', 'ben@example.com').status).toBe(0);
}, 60_000);

describe('mcpist user, role', () => {
  it('user add creates users with the default role; --admin makes an admin', () => {
    const member = roleNamed('member');
    expect(member).toMatchObject({ default: true, members: 2 });
    expect(mcpist('user', 'add', 'cid@example.com').stdout).toMatch(/^created user cid@example.com .*roles: member/);
  }, 60_000);

  it('role create masks the dangerous tools of its modules, plus --mask; --allow-dangerous keeps them', () => {
    const created = mcpist('role', 'create', 'writers', '--modules', 'notion,github', '--mask', 'github:create_issue');
    expect(created.status).toBe(0);
    expect(roleNamed('writers')).toMatchObject({
      modules: ['notion', 'github'],
      masks: { github: ['create_issue', 'delete_repository', 'merge_pull_request'], notion: ['delete_page'] },
      members: 0,
    });
    expect(mcpist('role', 'create', 'cleaners', '--modules', 'notion', '--allow-dangerous').status).toBe(0);
    expect(roleNamed('cleaners')).toMatchObject({ modules: ['notion'], masks: {} });
  }, 60_000);

  it('role assign gives a user a role once', () => {
    expect(mcpist('role', 'create', 'readers', '--modules', 'github').status).toBe(0);
    expect(mcpist('role', 'assign', 'ben@example.com', 'readers')).toMatchObject({ status: 0, stdout: /now has/ });
    expect(mcpist('role', 'assign', 'BEN@example.com', 'Readers')).toMatchObject({ status: 0, stdout: /already had/ });
    expect(roleNamed('readers')?.members).toBe(1);
  }, 60_000);

  it('refuses bad input with a clear error and exit 1, changing nothing', () => {
    const cases = [
      { args: ['user', 'add', 'ann@example.com'], error: /already exists/ },
      { args: ['user', 'add', 'not-an-email'], error: /not an email/ },
      { args: ['role', 'create', 'member', '--modules', 'github'], error: /already exists/ },
      { args: ['role', 'create', 'bad/name', '--modules', 'github'], error: /role name/ },
      { args: ['role', 'create', 'x', '--modules', 'github,nope'], error: /unknown module "nope"/ },
      { args: ['role', 'create', 'x', '--modules', 'github', '--mask', 'github:nope'], error: /no tool "nope"/ },
      { args: ['role', 'create', 'x', '--modules', 'github', '--mask', 'notion:search'], error: /not enabled/ },
      { args: ['role', 'create', 'x', '--modules', 'github', '--mask', 'github'], error: /module:tool/ },
      { args: ['role', 'assign', 'nobody@example.com', 'member'], error: /no user nobody@example.com/ },
      { args: ['role', 'assign', 'ann@example.com', 'nope'], error: /no role "nope"/ },
    ];
    const before = roles();
    for (const { args, error } of cases) {
      const run = mcpist(...args);
      expect({ args, status: run.status, stderr: run.stderr }).toEqual({
        args,
        status: 1,
        stderr: expect.stringMatching(error),
      });
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    expect(roles()).toEqual(before);
  }, 120_000);
});
