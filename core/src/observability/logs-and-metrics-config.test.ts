import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';

const cwd = mkdtempSync(join(tmpdir(), 'mcpist-observability-config-'));

describe('Loki and metrics settings', () => {
  it('come from LOKI_URL, LOKI_USERNAME, LOKI_PASSWORD and MCPIST_METRICS_TOKEN', () => {
    const config = loadConfig({
      cwd,
      env: {
        LOKI_URL: 'https://logs-prod-006.grafana.net',
        LOKI_USERNAME: '123456',
        LOKI_PASSWORD: 'glc_secret',
        MCPIST_METRICS_TOKEN: 'scrape-0123456789abcdef',
      },
    });
    expect(config).toMatchObject({
      lokiUrl: 'https://logs-prod-006.grafana.net',
      lokiUsername: '123456',
      lokiPassword: 'glc_secret',
      metricsToken: 'scrape-0123456789abcdef',
    });
  });

  it('are unset by default: no Loki transport, an open /metrics', () => {
    const config = loadConfig({ cwd, env: {} });
    expect([config.lokiUrl, config.lokiUsername, config.lokiPassword, config.metricsToken]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it.each([
    ['a Loki URL that is not http(s)', { LOKI_URL: 'ftp://logs.example.com' }, 'lokiUrl'],
    ['a Loki URL that is no URL', { LOKI_URL: 'logs.example.com' }, 'lokiUrl'],
    ['a metrics token too short to resist guessing', { MCPIST_METRICS_TOKEN: 'short' }, 'metricsToken'],
  ])('refuse %s, naming the key', (_name, env, key) => {
    let error: unknown;
    try {
      loadConfig({ cwd, env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe(key);
  });
});
