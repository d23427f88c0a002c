import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

function dirWith(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpist-config-'));
  writeFileSync(join(dir, 'mcpist.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

function keyOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).key;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has sane defaults', () => {
    const config = loadConfig({ env: {}, cwd: mkdtempSync(join(tmpdir(), 'mcpist-empty-')) });
    expect(config).toMatchObject({ port: 8088, host: '127.0.0.1', dataDir: './.mcpist', toolMode: 'meta' });
    expect(config.runner).toEqual({ timeoutMs: 30_000, maxRecords: 500 });
    expect(config.batch.maxCommands).toBe(50);
    expect(config.tasks).toEqual({ resultTtlMs: 3_600_000, pollIntervalMs: 1_000 });
  });

  it('collects garbage when idle unless MCPIST_IDLE_GC=false, and refuses a value that is not a boolean', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mcpist-empty-'));
    expect(loadConfig({ env: {}, cwd }).idleGc).toBe(true);
    expect(loadConfig({ env: { MCPIST_IDLE_GC: 'false' }, cwd }).idleGc).toBe(false);
    expect(keyOf(() => loadConfig({ env: { MCPIST_IDLE_GC: 'sometimes' }, cwd }))).toBe('idleGc');
  });

  it('reads the task result TTL from MCPIST_TASK_RESULT_TTL_MS and refuses one shorter than a call may run', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mcpist-empty-'));
    expect(loadConfig({ env: { MCPIST_TASK_RESULT_TTL_MS: '86400000' }, cwd }).tasks.resultTtlMs).toBe(86_400_000);
    expect(keyOf(() => loadConfig({ env: { MCPIST_TASK_RESULT_TTL_MS: '1000' }, cwd }))).toBe('tasks.resultTtlMs');
  });

  it.each([
    ['an unknown top-level key', { prot: 1 }, 'prot'],
    ['an unknown nested key', { runner: { timeout: 5 } }, 'runner.timeout'],
    ['a bad port', { port: 70000 }, 'port'],
    ['a bad tool mode', { toolMode: 'all' }, 'toolMode'],
    [
      'a bad plugin base URL',
      { pluginSettings: { github: { baseUrl: 'not a url' } } },
      'pluginSettings.github.baseUrl',
    ],
    ['an unknown plugin setting', { pluginSettings: { github: { base: 'x' } } }, 'pluginSettings.github.base'],
    ['a bad database URL', { databaseUrl: 'mysql://x' }, 'databaseUrl'],
    ['a token broker URL without its key', { tokenBrokerUrl: 'https://ref.supabase.co' }, 'tokenBrokerKey'],
    ['a token broker key without its URL', { tokenBrokerKey: 'k'.repeat(32) }, 'tokenBrokerUrl'],
    [
      'a short token broker key',
      { tokenBrokerUrl: 'https://ref.supabase.co', tokenBrokerKey: 'short' },
      'tokenBrokerKey',
    ],
  ])('refuses %s, naming the key', (_name, file, key) => {
    expect(keyOf(() => loadConfig({ env: {}, cwd: dirWith(file) }))).toBe(key);
  });

  it('refuses a file that is not JSON', () => {
    const cwd = dirWith('{ port: 1');
    expect(keyOf(() => loadConfig({ env: {}, cwd }))).toContain('mcpist.config.json');
  });

  it('refuses an unknown MCPIST_ variable and a bad env value', () => {
    const cwd = dirWith({});
    expect(keyOf(() => loadConfig({ env: { MCPIST_PROT: '1' }, cwd }))).toBe('MCPIST_PROT');
    expect(keyOf(() => loadConfig({ env: { MCPIST_PORT: 'eighty' }, cwd }))).toBe('port');
  });

  it('layers file, environment and command line', () => {
    const cwd = dirWith({ port: 9000, runner: { maxRecords: 100 }, pluginSettings: { github: { timeoutMs: 5000 } } });
    const config = loadConfig({
      cwd,
      env: { MCPIST_PORT: '9100', MCPIST_PLUGIN_GITHUB_BASE_URL: 'http://127.0.0.1:1234', MCPIST_PLUGINS: 'a, b' },
      overrides: { port: 9200 },
    });
    expect(config.port).toBe(9200);
    expect(config.runner.maxRecords).toBe(100);
    expect(config.plugins).toEqual(['a', 'b']);
    expect(config.pluginSettings.github).toEqual({ timeoutMs: 5000, baseUrl: 'http://127.0.0.1:1234' });
  });
});
