import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMcpist } from '../test-support/run-cli.js';

let dataDir: string;

/** Runs `mcpist credential set`, the token on standard input. */
const credentialSet = (...args: string[]) =>
  runMcpist(['--data-dir', dataDir, 'credential', 'set', ...args, '--token', '-'], {
    input: 'atlassian-cli-token-value\n',
  });

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

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mcpist-credential-'));
  expect((await runMcpist(['--data-dir', dataDir, 'token', 'create', '--user', 'a@example.com'])).status).toBe(0);
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
      const run = await credentialSet(...args);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('atlassian-cli-token-value');
      expect(await storedServices()).toEqual([]);
    },
    30_000,
  );

  it('stores a token with the fields its plugin declares', async () => {
    const run = await credentialSet(
      'atlassian',
      '--field',
      'site=acme.atlassian.net',
      '--field',
      'email=a@example.com',
    );
    expect(run).toMatchObject({ status: 0 });
    expect(run.stderr).toContain('stored an encrypted atlassian token for a@example.com');
    expect(await storedServices()).toEqual(['atlassian']);
  }, 30_000);
});
