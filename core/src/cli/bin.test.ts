import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MCPIST_VERSION } from '../version.js';

const CORE = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(CORE, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const bin = join(CORE, pkg.bin.mcpist as string);

// npm links a bin only if its file exists at install time: on a fresh clone nothing is built yet, so the bin
// must be a committed file, or `npx mcpist` finds no executable after `npm install && npm start`.
describe('the mcpist bin', () => {
  it('is a committed, executable file outside the build output', () => {
    expect(pkg.bin.mcpist).not.toMatch(/dist\//);
    const tracked = execFileSync('git', ['ls-files', '--error-unmatch', bin], { cwd: CORE, encoding: 'utf8' });
    expect(tracked.trim()).not.toBe('');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
  });

  it('runs the built CLI with its arguments and exit code', () => {
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(MCPIST_VERSION);
    const unknown = spawnSync(process.execPath, [bin, 'no-such-command'], { encoding: 'utf8' });
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command/);
  });
});
