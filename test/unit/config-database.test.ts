import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

// Which database the configuration chooses, and how a wrong DATABASE_URL is
// answered: one line naming the variable, never the password in it.

const SECRET = 's3cr3t-pw';

describe('DATABASE_URL', () => {
  it.each([
    ['postgres://app:s3cr3t-pw@db.internal:5432/serverless_fit', 'postgres://app:s3cr3t-pw@db.internal:5432/serverless_fit'],
    ['postgresql://app:s3cr3t-pw@db.internal/serverless_fit?sslmode=require', 'postgresql://app:s3cr3t-pw@db.internal/serverless_fit?sslmode=require'],
    ['  postgres://app@10.0.0.5/sf  ', 'postgres://app@10.0.0.5/sf'],
    ['postgres:///serverless_fit?host=/var/run/postgresql', 'postgres:///serverless_fit?host=/var/run/postgresql'],
    ['postgres://app:p%40ss%2Fword@[::1]:5433/sf', 'postgres://app:p%40ss%2Fword@[::1]:5433/sf'],
  ])('accepts %s', (value, url) => {
    const result = loadConfig([], { DATABASE_URL: value });
    expect(result).toMatchObject({ ok: true, config: { databaseUrl: url, notices: [] } });
  });

  it.each([
    ['mysql://app:s3cr3t-pw@db/sf', /^DATABASE_URL must be a Postgres URL starting postgres:\/\/ or postgresql:\/\/ \(it has the scheme "mysql:"\)/],
    ['https://app:s3cr3t-pw@db.example.com/sf', /^DATABASE_URL must be a Postgres URL .*\(it has the scheme "https:"\)/],
    ['db.internal:5432/sf?password=s3cr3t-pw', /^DATABASE_URL must be a Postgres URL .*\(it has the scheme "db\.internal:"\)/],
    ['app:s3cr3t-pw', /^DATABASE_URL must be a Postgres URL .*\(it has the scheme "app:"\)/],
    ['/var/lib/sf.db s3cr3t-pw', /^DATABASE_URL must be a Postgres URL .*\(it has no scheme\)/],
    ['postgres://app:s3cr3t-pw@db.internal:99999/sf', /^DATABASE_URL is not a valid URL \(a password with characters like @ \/ : # must be percent-encoded\)/],
    ['postgres:app:s3cr3t-pw@db/sf', /^DATABASE_URL is not a valid URL/],
    ['postgres://app:s3cr3t pw@db:port/sf', /^DATABASE_URL is not a valid URL/],
  ])('refuses %s with one line that does not repeat it', (value, message) => {
    const result = loadConfig([], { DATABASE_URL: value });
    if (result.ok) throw new Error('accepted');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(message);
    expect(result.errors[0]).not.toContain(SECRET);
  });

  it.each([
    [{}, null, []],
    [{ DATABASE_URL: '' }, null, []],
    [{ SERVERLESS_FIT_DB: '/data/sf.db' }, null, []],
    [{ DATABASE_URL: 'postgres://db/sf', SERVERLESS_FIT_DB: '/data/sf.db' }, 'postgres://db/sf', ['Both DATABASE_URL and SERVERLESS_FIT_DB are set: using Postgres (DATABASE_URL); the SQLite file is not opened.']],
  ])('%o: Postgres %s, notices %o', (env, url, notices) => {
    expect(loadConfig([], env)).toMatchObject({ ok: true, config: { databaseUrl: url, notices } });
  });
});
