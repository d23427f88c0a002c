import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';

/** supabase/config.toml parses, and names the schema the tests and the store apply. */

const config = parse(readFileSync(new URL('config.toml', import.meta.url), 'utf8')) as {
  project_id: string;
  db: { major_version: number };
  api: { schemas: string[] };
  auth: { site_url: string; external: Record<string, { client_id: string; secret: string }> };
  functions: Record<string, { verify_jwt: boolean }>;
};

describe('supabase/config.toml', () => {
  it('is a Supabase CLI project whose API exposes the public schema of the migrations', () => {
    expect(config.project_id).toBe('mcpist');
    expect(config.api.schemas).toEqual(['public']);
    expect(
      readdirSync(new URL('migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).length,
    ).toBeGreaterThan(0);
    expect(existsSync(new URL('seed.sql', import.meta.url))).toBe(false);
  });

  it('declares every Edge Function of supabase/functions/, each checking its caller itself', () => {
    const folders = readdirSync(new URL('functions/', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
      .map((entry) => entry.name)
      .sort();
    expect(Object.keys(config.functions).sort()).toEqual(folders);
    for (const [name, settings] of Object.entries(config.functions)) expect(settings.verify_jwt, name).toBe(false);
  });

  it('targets PostgreSQL 15, and keeps every social-login secret in the environment', () => {
    expect(config.db.major_version).toBe(15);
    for (const [provider, settings] of Object.entries(config.auth.external)) {
      expect(settings.secret, provider).toMatch(/^env\([A-Z_]+\)$/);
      expect(settings.client_id, provider).toMatch(/^env\([A-Z_]+\)$/);
    }
  });
});
