import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copySqliteToPostgres } from '../../src/store/migrate/copy-tables.js';
import { openDatabase } from '../../src/store/open-database.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { deleteOlderThanOnPostgres } from '../../src/store/postgres/postgres-retention.js';
import { deleteOlderThan } from '../../src/store/retention.js';
import { populateSqlite } from '../helpers/populated-sqlite.js';
import { describePostgres, freshPostgresDatabase } from '../helpers/postgres.js';

// RETENTION_DAYS deletes the same rows on both stores: the same data (a
// SQLite file filled through the ports, copied into Postgres by
// migrate-store's copier) swept at the same cutoff leaves the same tables.

const TABLES = ['conversations', 'turns', 'assessments', 'deliveries', 'delivery_effects', 'reviews', 'review_changes', 'digest_runs', 'workspace_settings'] as const;

const dir = mkdtempSync(join(tmpdir(), 'sf-retention-'));
const source = join(dir, 'source.db');
beforeAll(() => populateSqlite(source));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describePostgres('retention on SQLite and on Postgres', () => {
  it.each([
    ['before anything was written: nothing goes', '2026-11-01T00:00:00.000Z', { conversations: 0, turns: 0, assessments: 0, deliveries: 0 }],
    ['in the middle of the morning: the first conversation with its turns and record goes, later ones stay', '2026-11-23T09:10:00.000Z', { conversations: 1, turns: 4, assessments: 1, deliveries: 4 }],
    ['after everything: all chat, records and deliveries go; reviews, digests and settings stay', '2026-12-31T00:00:00.000Z', { conversations: 5, turns: 12, assessments: 2, deliveries: 4 }],
  ])('%s (%s)', async (_name, cutoff, deleted) => {
    const file = join(dir, `copy-${cutoff.replace(/\W/g, '')}.db`);
    copyFileSync(source, file);
    const sqlite = openDatabase(file);
    const fresh = await freshPostgresDatabase();
    const pg = await openPostgres(fresh.url, { max: 2 });
    try {
      await copySqliteToPostgres(sqlite, pg.sql);
      const onSqlite = await deleteOlderThan(sqlite, new Date(cutoff));
      const onPostgres = await deleteOlderThanOnPostgres(pg.sql, new Date(cutoff));
      const left: Record<string, [number, number]> = {};
      for (const table of TABLES) {
        const [row] = await pg.sql.unsafe<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`);
        left[table] = [(sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, Number(row?.n)];
      }
      for (const [table, [a, b]] of Object.entries(left)) expect(b, table).toBe(a);
      expect(onPostgres).toEqual(deleted);
      expect(onSqlite).toEqual(deleted);
    } finally {
      sqlite.close();
      await pg.close();
      await fresh.drop();
    }
  });
});
