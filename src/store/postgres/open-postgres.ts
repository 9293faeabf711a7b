import postgres, { type Sql } from 'postgres';
import { StoreError } from '../store-error.js';
import { applyPostgresMigrations } from './migrations.js';

// Opens a pool on DATABASE_URL, checks the server answers, and brings the
// schema up to date (under the advisory lock, so replicas starting together
// migrate once). Every expected failure is a StoreError whose message names
// the server (never the password) and what to do about it.

export interface PostgresDatabase {
  sql: Sql;
  /** The URL without its password, for messages and logs. */
  label: string;
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** Connections in the pool. */
  max?: number;
  /** Seconds to wait for a connection before giving up. */
  connectTimeoutSeconds?: number;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<PostgresDatabase> {
  const label = redactedUrl(url);
  let sql: Sql;
  try {
    sql = postgres(url, {
      max: options.max ?? 10,
      connect_timeout: options.connectTimeoutSeconds ?? 10,
      // The server's NOTICEs (e.g. "relation already exists, skipping") are not the operator's business.
      onnotice: () => undefined,
      // Drop idle connections after a while so a quiet replica does not pin server slots.
      idle_timeout: 60,
    });
  } catch (error) {
    throw new StoreError('cannot-open', `DATABASE_URL is not a usable Postgres URL (${describe(error)}). Expected postgres://user:password@host:5432/database.`, {
      cause: error,
    });
  }
  const close = () => sql.end({ timeout: 5 });
  try {
    await sql`SELECT 1`;
  } catch (error) {
    await close().catch(() => undefined);
    throw translateConnectError(error, label);
  }
  try {
    await applyPostgresMigrations(sql, undefined, `The Postgres database at ${label}`);
  } catch (error) {
    await close().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError('migration-failed', `Could not prepare the Postgres database at ${label} (${describe(error)}).`, { cause: error });
  }
  return { sql, label, close };
}

/** postgres://user:secret@host/db becomes postgres://user@host/db. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the DATABASE_URL (which is not a valid URL)';
  }
}

function translateConnectError(error: unknown, label: string): StoreError {
  const code = errorCode(error);
  const reason = describe(error);
  const say = (advice: string) => new StoreError('cannot-open', `Cannot connect to Postgres at ${label} (${reason}). ${advice}`, { cause: error });
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return say('Check that the server is running and that the host and port in DATABASE_URL are right.');
    case '28P01':
    case '28000':
      return say('Check the user name and password in DATABASE_URL.');
    case '3D000':
      return say('Create the database first (createdb), or name an existing one in DATABASE_URL.');
    default:
      return say('Check DATABASE_URL and that the server accepts connections from here.');
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
