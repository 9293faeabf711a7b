import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS, applyPostgresMigrations, postgresSchemaVersion } from '../../src/store/postgres/migrations.js';
import { openPostgres, redactedUrl, type PostgresDatabase } from '../../src/store/postgres/open-postgres.js';
import { sessionOf } from '../../src/store/postgres/postgres-session.js';
import { StoreError } from '../../src/store/store-error.js';
import { describePostgres, freshPostgresDatabase, type FreshDatabase } from '../helpers/postgres.js';

describePostgres('opening a Postgres database', () => {
  let fresh: FreshDatabase;
  const opened: PostgresDatabase[] = [];
  beforeAll(async () => {
    fresh = await freshPostgresDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });
  afterAll(async () => {
    await fresh.drop();
  });
  const open = async (url = fresh.url) => {
    const db = await openPostgres(url, { max: 3 });
    opened.push(db);
    return db;
  };

  it('migrates an empty database to the last step, once, when two replicas open it at the same time', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    expect(await postgresSchemaVersion(a.sql)).toBe(POSTGRES_MIGRATIONS.length);
    const rows = await b.sql<{ version: number }[]>`SELECT version FROM schema_migrations ORDER BY version`;
    expect(rows.map((row) => row.version)).toStrictEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it('runs only the steps not yet run, and refuses a database written by a newer schema', async () => {
    const db = await open();
    const next = [...POSTGRES_MIGRATIONS, { name: 'add notes', sql: 'CREATE TABLE notes (id text PRIMARY KEY)' }];
    expect(await applyPostgresMigrations(db.sql, next)).toBe(next.length);
    expect(await applyPostgresMigrations(db.sql, next)).toBe(next.length);
    const error = await applyPostgresMigrations(db.sql, POSTGRES_MIGRATIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'migration-failed' });
    expect((error as Error).message).toMatch(/newer version of serverless-fit \(schema \d+; this version knows up to \d+\)/);
    await db.sql`DROP TABLE notes`;
    await db.sql`DELETE FROM schema_migrations WHERE version = ${next.length}`;
  });

  it('rolls back a failing step whole: no half-made table, version unchanged', async () => {
    const db = await open();
    const before = await postgresSchemaVersion(db.sql);
    const broken = [...POSTGRES_MIGRATIONS, { name: 'broken step', sql: 'CREATE TABLE half_made (x integer); SELECT * FROM no_such_table;' }];
    const error = await applyPostgresMigrations(db.sql, broken, 'the test database').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'migration-failed' });
    expect((error as Error).message).toMatch(/the test database.*broken step.*left at schema/);
    expect(await postgresSchemaVersion(db.sql)).toBe(before);
    const [row] = await db.sql<{ present: boolean }[]>`SELECT to_regclass('half_made') IS NOT NULL AS present`;
    expect(row?.present).toBe(false);
  });

  it('runs the writes of a transaction, across stores, all or none; a nested one is a savepoint', async () => {
    const db = await open();
    const session = sessionOf(db.sql);
    await db.sql`CREATE TABLE IF NOT EXISTS scratch (n integer)`;
    await expect(
      session.transaction(async () => {
        await session.sql()`INSERT INTO scratch VALUES (1)`;
        expect(session.inTransaction()).toBe(true);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await session.transaction(async () => {
      await session.sql()`INSERT INTO scratch VALUES (2)`;
      await session.transaction(async () => session.sql()`INSERT INTO scratch VALUES (3)`);
      await session.transaction(async () => {
        await session.sql()`INSERT INTO scratch VALUES (4)`;
        throw new Error('inner only');
      }).catch(() => undefined);
    });
    expect(session.inTransaction()).toBe(false);
    const rows = await db.sql<{ n: number }[]>`SELECT n FROM scratch ORDER BY n`;
    expect(rows.map((row) => row.n)).toStrictEqual([2, 3]);
    await db.sql`DROP TABLE scratch`;
  });

  it.each([
    ['a wrong password', (url: URL) => (url.password = 'wrong'), /user name and password/],
    ['a database that does not exist', (url: URL) => (url.pathname = '/no_such_database'), /Create the database first/],
    ['a port nobody listens on', (url: URL) => (url.port = '1'), /server is running/],
  ])('gives one friendly sentence, without the password, for %s', async (_, change, advice) => {
    const url = new URL(fresh.url);
    change(url);
    const error = await openPostgres(url.toString(), { connectTimeoutSeconds: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'cannot-open' });
    expect((error as Error).message).toMatch(advice);
    expect((error as Error).message).toContain(redactedUrl(url.toString()));
    expect((error as Error).message).not.toContain(url.password || 'test-only-password');
  });
});

it('redacts the password from a URL and names an invalid one without echoing it', () => {
  expect(redactedUrl('postgres://app:s3cret@db.internal:5432/fit')).toBe('postgres://app@db.internal:5432/fit');
  expect(redactedUrl('not a url s3cret')).not.toContain('s3cret');
});
