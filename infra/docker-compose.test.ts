import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARS } from '../core/src/config/load-config.js';

/** infra/docker-compose.yml: two instances of the image sharing PostgreSQL, Redis and one key file. */

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

const compose = parse(readFileSync(new URL('docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const instances = Object.entries(compose.services).filter(([name]) => name.startsWith('mcpist-'));

describe('infra/docker-compose.yml', () => {
  it('runs two instances of infra/Dockerfile that wait for healthy PostgreSQL and Redis', () => {
    expect(instances.map(([name]) => name)).toEqual(['mcpist-a', 'mcpist-b']);
    for (const [, service] of instances) {
      expect(service.build).toEqual({ context: '..', dockerfile: 'infra/Dockerfile' });
      expect(service.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    expect(compose.services.postgres?.healthcheck).toBeDefined();
    expect(compose.services.redis?.healthcheck).toBeDefined();
  });

  it('gives both the same database, Redis and read-only key file, with variables MCPist reads', () => {
    const [[, a], [, b]] = instances as [[string, Service], [string, Service]];
    expect(a.environment).toEqual(b.environment);
    expect(a.environment).toMatchObject({ REDIS_URL: 'redis://redis:6379', MCPIST_KEY_FILE: '/run/mcpist/keys.json' });
    expect(a.environment?.DATABASE_URL).toMatch(/^postgres:\/\/mcpist:.*@postgres:5432\/mcpist$/);
    for (const key of Object.keys(a.environment ?? {})) expect(key in ENV_VARS, key).toBe(true);
    expect(a.volumes).toEqual(['./keys.json:/run/mcpist/keys.json:ro']);
  });
});
