import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARS } from '../core/src/config/load-config.js';
import { args, of, stages } from './dockerfile-instructions.js';

/** infra/koyeb.yaml: the seed's shape (spec-inf §2.4), this implementation's variables, the image's port. */

interface KoyebService {
  name: string;
  type: string;
  instance_types: string[];
  regions: string[];
  env: Array<{ key: string; value?: string; secret?: string }>;
  ports: Array<{ port: number; protocol: string }>;
  health_checks: Array<{ type: string; path: string; port: number; interval_seconds: number; timeout_seconds: number }>;
}

const service = parse(readFileSync(new URL('koyeb.yaml', import.meta.url), 'utf8')) as KoyebService;
const entrypoint = readFileSync(new URL('docker-entrypoint.sh', import.meta.url), 'utf8');
/** Read by the OpenTelemetry exporters themselves (OTLP exporter configuration), not by MCPist's config. */
const OTEL_EXPORTER_VARS = new Set(['OTEL_EXPORTER_OTLP_HEADERS']);

describe('infra/koyeb.yaml', () => {
  it("keeps the seed's service shape: nano in Washington, HTTP on 8088, /health every 30 s", () => {
    expect(service).toMatchObject({ name: 'mcpist', type: 'web', instance_types: ['nano'], regions: ['was'] });
    expect(service.ports).toEqual([{ port: 8088, protocol: 'http' }]);
    expect(service.health_checks).toEqual([
      { type: 'http', path: '/health', port: 8088, interval_seconds: 30, timeout_seconds: 5 },
    ]);
  });

  it('uses the port the image exposes', () => {
    expect(of(stages.at(-1) ?? [], 'EXPOSE').flatMap((i) => args(i))).toEqual([String(service.ports[0]?.port)]);
  });

  it('sets only variables this implementation reads, each as a value or a secret', () => {
    for (const { key, value, secret } of service.env) {
      const read = key in ENV_VARS || OTEL_EXPORTER_VARS.has(key) || entrypoint.includes(`\${${key}:-}`);
      expect(read, key).toBe(true);
      expect([value, secret].filter(Boolean).length, key).toBe(1);
    }
  });

  it('keeps credentials in Koyeb secrets, never as plain values', () => {
    const secrets = [
      'DATABASE_URL',
      'KEY_RING_JSON',
      'LOKI_PASSWORD',
      'OTEL_EXPORTER_OTLP_HEADERS',
      'MCPIST_METRICS_TOKEN',
    ];
    for (const key of secrets) expect(service.env.find((e) => e.key === key)?.secret, key).toBeTruthy();
  });
});
