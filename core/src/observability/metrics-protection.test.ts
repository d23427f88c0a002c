import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { metricsExposureWarning } from './metrics-route.js';

const METRICS_TOKEN = 'scrape-0123456789abcdef0123';
/** A folder with no config file in it. */
const EMPTY_DIR = mkdtempSync(join(tmpdir(), 'mcpist-metrics-config-'));

let open: TestHub;
let secured: TestHub;

beforeAll(async () => {
  [open, secured] = await Promise.all([
    startTestHub({ metricsListen: '127.0.0.1:0' }),
    startTestHub({ metricsListen: '127.0.0.1:0', metricsToken: METRICS_TOKEN }),
  ]);
});
afterAll(async () => {
  await Promise.all([open?.close(), secured?.close()]);
});

const scrape = (base: string | undefined, authorization?: string) =>
  fetch(`${base}/metrics`, authorization === undefined ? {} : { headers: { authorization } });

describe('metricsListen: /metrics on its own listener', () => {
  it('serves Prometheus text there and nothing on the main port', async () => {
    expect(open.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const own = await scrape(open.server.metricsUrl);
    expect(own.status).toBe(200);
    expect(await own.text()).toMatch(/^# HELP mcpist_requests_total/m);
    expect((await scrape(open.url)).status).toBe(404);
    expect((await fetch(`${open.server.metricsUrl}/health`)).status).toBe(404);
    expect((await fetch(`${open.url}/health`)).status).toBe(200);
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty bearer', 'Bearer '],
    ['a wrong token', `Bearer ${METRICS_TOKEN.slice(0, -1)}x`],
    ['the token twice', `Bearer ${METRICS_TOKEN} ${METRICS_TOKEN}`],
    ['a 16 KB token', `Bearer ${'x'.repeat(16_000)}`],
    ['the token under Basic', `Basic ${METRICS_TOKEN}`],
  ])('answers %s with 401 and no detail, on the metrics listener', async (_name, authorization) => {
    const response = await scrape(secured.server.metricsUrl, authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="mcpist-metrics"/);
    const body = await response.text();
    expect(body).not.toContain(METRICS_TOKEN);
    expect(body).not.toMatch(/mcpist_/);
  });

  it('serves the scrape with the right token', async () => {
    const response = await scrape(secured.server.metricsUrl, `Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^# TYPE mcpist_requests_total counter/m);
  });
});

describe('metricsListen in config', () => {
  it.each([['9464'], ['127.0.0.1'], ['http://127.0.0.1:9464'], ['127.0.0.1:99999'], ['::1:9464']])(
    'refuses %s naming the key',
    (value) => {
      let error: unknown;
      try {
        loadConfig({ env: { MCPIST_METRICS_LISTEN: value }, cwd: EMPTY_DIR });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).toContain('metricsListen');
    },
  );

  it('takes host:port and [v6]:port from MCPIST_METRICS_LISTEN', () => {
    expect(loadConfig({ env: { MCPIST_METRICS_LISTEN: '[::1]:9464' }, cwd: EMPTY_DIR }).metricsListen).toBe(
      '[::1]:9464',
    );
  });
});

describe('the start-up warning about an open /metrics', () => {
  it.each([
    [{ host: '0.0.0.0' }, true],
    [{ host: '::' }, true],
    [{ host: '192.0.2.10' }, true],
    [{ host: '0.0.0.0', metricsToken: METRICS_TOKEN }, false],
    [{ host: '0.0.0.0', metricsListen: '127.0.0.1:9464' }, false],
    [{ host: '127.0.0.1', metricsListen: '0.0.0.0:9464' }, true],
    [{ host: '127.0.0.1' }, false],
    [{ host: '127.0.0.2' }, false],
    [{ host: 'localhost' }, false],
    [{ host: '::1' }, false],
    [{ host: '127.0.0.1', metricsListen: '[::1]:9464' }, false],
  ])('%j → warns: %s', (config, warns) => {
    expect(metricsExposureWarning(config) !== undefined).toBe(warns);
  });
});
