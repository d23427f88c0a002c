import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';

describe('embedded store template', () => {
  // The template is migrated already: a store that loaded it has nothing left
  // to apply, while one that ran initdb applies every migration (and took ~4 s).
  it('an in-memory store starts from the template, with no migration left to apply', async () => {
    const { db, applied } = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(applied).toEqual([]);
      expect(
        (await db.query<{ n: number }>('select count(*)::int as n from public.mcpist_migrations'))[0]?.n,
      ).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
