import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test-support/test-hub.js';

const CLI = join(REPO_ROOT, 'core/dist/cli/main.js');
let dataDir: string;

/** Runs the built CLI like a user would, the token on standard input. */
function credentialSet(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, 'credential', 'set', ...args, '--token', '-'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    input: 'atlassian-cli-token-value\n',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });
  return { status: run.status, stderr: run.stderr };
}

async function storedServices(): Promise<string[]> {
  const db = new PGlite(join(dataDir, 'pgdata'));
  try {
    return (await db.query<{ service: string }>('select service from public.credentials order by service')).rows.map(
      (row) => row.service,
    );
  } finally {
    await db.close();
  }
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-credential-'));
  const run = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, 'token', 'create', '--user', 'a@example.com'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
}, 60_000);

describe('mcpist credential set', () => {
  it.each([
    ['a service no plugin uses', ['jira'], /no loaded plugin uses the service "jira"; services: atlassian, github/],
    [
      'an unknown field, and a declared one missing',
      ['atlassian', '--field', 'site=acme.atlassian.net', '--field', 'colour=red'],
      /--field colour: unknown field; --field email: required/,
    ],
    ['a service that connects with OAuth only', ['google-calendar'], /connects with OAuth only/],
  ])(
    'refuses %s, and stores nothing',
    async (_name, args, message) => {
      const run = credentialSet(...args);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('atlassian-cli-token-value');
      expect(await storedServices()).toEqual([]);
    },
    30_000,
  );

  it('stores a token with the fields its plugin declares', async () => {
    const run = credentialSet('atlassian', '--field', 'site=acme.atlassian.net', '--field', 'email=a@example.com');
    expect(run).toMatchObject({ status: 0 });
    expect(run.stderr).toContain('stored an encrypted atlassian token for a@example.com');
    expect(await storedServices()).toEqual(['atlassian']);
  }, 30_000);
});
