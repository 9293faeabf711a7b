import { performance } from 'node:perf_hooks';
import postgres, { type Sql } from 'postgres';
import { POSTGRES_MIGRATIONS, postgresSchemaVersion } from './migrations.js';
import { redactedUrl, translateConnectError } from './open-postgres.js';

// What doctor and /readyz ask of a Postgres database. Doctor connects
// without migrating (checking must not change a database a newer or older
// build may be serving) and reports reachability, the schema version against
// the one this build knows, and a round trip's latency.

export interface PostgresReport {
  label: string;
  /** Steps run on the database, and the steps this build knows. */
  schema: number;
  known: number;
  /** One `SELECT 1` on an open connection, in milliseconds. */
  roundTripMs: number;
  /** null before the schema exists. */
  conversations: number | null;
}

/** Connects to `url`, measures and reads; throws a StoreError naming the server and what to check when it cannot. */
export async function probePostgres(url: string, timeoutSeconds = 5): Promise<PostgresReport> {
  const label = redactedUrl(url);
  const sql = postgres(url, { max: 1, connect_timeout: timeoutSeconds, onnotice: () => undefined, idle_timeout: 1 });
  try {
    try {
      await sql`SELECT 1`;
    } catch (error) {
      throw translateConnectError(error, label);
    }
    const started = performance.now();
    await sql`SELECT 1`;
    const roundTripMs = performance.now() - started;
    const schema = await postgresSchemaVersion(sql);
    return { label, schema, known: POSTGRES_MIGRATIONS.length, roundTripMs, conversations: schema > 0 ? await countConversations(sql) : null };
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

async function countConversations(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: string }[]>`SELECT count(*) AS n FROM conversations`;
  return Number(row?.n ?? 0);
}

/**
 * /readyz's question to the pool: does a round trip come back within
 * `timeoutMs`? Concurrent callers share one probe in flight, so a load
 * balancer polling a stuck server cannot pile queries onto the pool.
 */
export function createPostgresReadiness(sql: Sql, label: string, timeoutMs = 2_000): () => Promise<{ ready: true } | { ready: false; reason: string }> {
  let inFlight: Promise<{ ready: true } | { ready: false; reason: string }> | null = null;
  const probe = async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([sql`SELECT 1`.execute(), timeout]);
      return { ready: true } as const;
    } catch (error) {
      return { ready: false, reason: `Postgres at ${label} does not answer (${error instanceof Error ? error.message : String(error)})` } as const;
    } finally {
      clearTimeout(timer);
    }
  };
  return () => {
    inFlight ??= probe().finally(() => (inFlight = null));
    return inFlight;
  };
}
