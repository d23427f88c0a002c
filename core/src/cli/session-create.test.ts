import { execFileSync, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startTestHub, type TestHub } from '../test-support/test-hub.js';

const CLI = join(REPO_ROOT, 'core/dist/cli/main.js');
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
let dataDir: string;

function mcpist(args: string[]): string {
  return execFileSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('mcpist session create / rotate-key', () => {
  let before: string;
  let after: string;
  let hub: TestHub;
  let refused: SpawnSyncReturns<string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mcpist-session-'));
    mcpist(['token', 'create', '--user', 'dora@example.com']);
    before = mcpist(['session', 'create', '--user', 'dora@example.com']).trim();
    mcpist(['session', 'rotate-key']);
    after = mcpist(['session', 'create', '--user', 'dora@example.com']).trim();
    // Before the hub opens (and locks) the folder.
    refused = spawnSync(
      process.execPath,
      [CLI, '--data-dir', dataDir, 'session', 'create', '--user', 'x@example.com'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env,
      },
    );
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
