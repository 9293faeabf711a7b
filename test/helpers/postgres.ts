import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, inject } from 'vitest';

// A fresh, empty database per caller on the run's Postgres server (started by
// the global setup), so test files never see each other's rows; dropped by
// the returned `drop`. Suites use `describePostgres`, which skips them, with
// the reason in the title, when no server could be started.

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string } | { skipped: string };
  }
}

const server = inject('postgres');

/** Why the Postgres suites are skipped, or null when a server is available. */
export const postgresSkipped: string | null = 'skipped' in server ? server.skipped : null;

/** `describe`, skipped (saying why) when the run has no Postgres server. */
export function describePostgres(name: string, body: () => void): void {
  if (postgresSkipped) describe.skip(`${name} (skipped: ${postgresSkipped})`, body);
  else describe(name, body);
}

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the run's server and returns its URL. */
export async function freshPostgresDatabase(): Promise<FreshDatabase> {
  if ('skipped' in server) throw new Error(`no Postgres server: ${server.skipped}`);
  const name = `sf_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(server.url, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(server.url, { max: 1, onnotice: () => undefined });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
