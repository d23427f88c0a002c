import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runMcpist } from '../test-support/run-cli.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

let dataDir: string;

/** Runs a command line that must succeed; resolves to its standard output. */
async function mcpist(args: string[]): Promise<string> {
  const run = await runMcpist(['--data-dir', dataDir, ...args]);
  if (run.status !== 0) throw new Error(`mcpist ${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
  return run.stdout;
}

describe('mcpist session create / rotate-key', () => {
  let before: string;
  let after: string;
  let hub: TestHub;
  let refused: CliRun;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mcpist-session-'));
    await mcpist(['token', 'create', '--user', 'dora@example.com']);
    before = (await mcpist(['session', 'create', '--user', 'dora@example.com'])).trim();
    await mcpist(['session', 'rotate-key']);
    after = (await mcpist(['session', 'create', '--user', 'dora@example.com'])).trim();
    // Before the hub opens (and locks) the folder.
    refused = await runMcpist(['--data-dir', dataDir, 'session', 'create', '--user', 'x@example.com']);
    hub = await startTestHub({ dataDir });
  }, 60_000);
  afterAll(() => hub?.close());

  it('prints a 15-minute ES256 JWT naming the user', () => {
    const claims = decodeJwt(before);
    expect(decodeProtectedHeader(before).alg).toBe('ES256');
    expect(claims).toMatchObject({ aud: 'mcpist', email: 'dora@example.com', iss: 'urn:mcpist:local' });
    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
  });

  it('signs with the new key after a rotation; a server on the same folder accepts both tokens', async () => {
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    for (const token of [before, after]) {
      const client = await hub.connect({ token });
      expect((await client.listTools()).tools).toHaveLength(3);
    }
  });

  it('refuses an unknown user with exit code 1 and a hint, printing no token', () => {
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('no user x@example.com');
  });
});
