import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMcpist } from '../test-support/run-cli.js';

let dataDir: string;

/** Runs a command line against the test's data folder, with a clean MCPIST_* environment. */
const mcpist = (...args: string[]) => runMcpist(['--data-dir', dataDir, ...args]);

interface ListedRole {
  name: string;
  default: boolean;
  modules: string[];
  masks: Record<string, string[]>;
  members: number;
}
const roles = async (): Promise<ListedRole[]> => JSON.parse((await mcpist('role', 'list', '--json')).stdout);
const roleNamed = async (name: string) => (await roles()).find((role) => role.name === name);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-roles-'));
  expect((await mcpist('user', 'add', 'ann@example.com', '--admin', '--name', 'Ann')).status).toBe(0);
  expect((await mcpist('user', 'add', 'ben@example.com')).status).toBe(0);
}, 60_000);

describe('mcpist user, role', () => {
  it('user add creates users with the default role; --admin makes an admin', async () => {
    const member = await roleNamed('member');
    expect(member).toMatchObject({ default: true, members: 2 });
    expect((await mcpist('user', 'add', 'cid@example.com')).stdout).toMatch(
      /^created user cid@example.com .*roles: member/,
    );
  }, 60_000);

  it('role create masks the dangerous tools of its modules, plus --mask; --allow-dangerous keeps them', async () => {
    const created = await mcpist(
      'role',
      'create',
      'writers',
      '--modules',
      'notion,github',
      '--mask',
      'github:create_issue',
    );
    expect(created.status).toBe(0);
    expect(await roleNamed('writers')).toMatchObject({
      modules: ['notion', 'github'],
      masks: {
        github: ['create_issue', 'delete_repository', 'merge_pull_request'],
        notion: ['delete_block', 'delete_page'],
      },
      members: 0,
    });
    expect((await mcpist('role', 'create', 'cleaners', '--modules', 'notion', '--allow-dangerous')).status).toBe(0);
    expect(await roleNamed('cleaners')).toMatchObject({ modules: ['notion'], masks: {} });
  }, 60_000);

  it('role assign gives a user a role once', async () => {
    expect((await mcpist('role', 'create', 'readers', '--modules', 'github')).status).toBe(0);
    expect(await mcpist('role', 'assign', 'ben@example.com', 'readers')).toMatchObject({
      status: 0,
      stdout: /now has/,
    });
    expect(await mcpist('role', 'assign', 'BEN@example.com', 'Readers')).toMatchObject({
      status: 0,
      stdout: /already had/,
    });
    expect((await roleNamed('readers'))?.members).toBe(1);
  }, 60_000);

  it('refuses bad input with a clear error and exit 1, changing nothing', async () => {
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
    const before = await roles();
    for (const { args, error } of cases) {
      const run = await mcpist(...args);
      expect({ args, status: run.status, stderr: run.stderr }).toEqual({
        args,
        status: 1,
        stderr: expect.stringMatching(error),
      });
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    expect(await roles()).toEqual(before);
  }, 120_000);
});
