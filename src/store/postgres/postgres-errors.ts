import { StorageUnavailable } from '../../core/ports.js';

// What the Postgres stores make of the server's errors: losing the server,
// running out of connections or disk is a StorageUnavailable (as a locked or
// full SQLite file is), so a caller can refuse or retry without knowing which
// engine is behind the port. Other errors are bugs and pass through.

/** The SQLSTATE of a server error, or the client's code (CONNECTION_CLOSED, ECONNREFUSED, ...). */
export function postgresCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

const SOCKET_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The StorageUnavailable an error stands for, or null when it is not about reaching or writing storage (a bug). */
export function unavailableFrom(error: unknown): StorageUnavailable | null {
  if (error instanceof StorageUnavailable) return error;
  const code = postgresCode(error) ?? '';
  const say = (reason: StorageUnavailable['reason'], message: string) => new StorageUnavailable(reason, message, { cause: error });
  // Lock timeouts, serialization failures, deadlocks, too many connections: worth retrying shortly.
  if (['55P03', '40001', '40P01', '53300', '57014'].includes(code)) return say('busy', `The database is busy (${code}).`);
  if (code === '53100') return say('full', 'The disk holding the database is full.');
  // Connection exceptions (08...), the server shutting down or starting (57P0x), a read-only standby, the client losing its socket.
  if (
    code.startsWith('08') ||
    code.startsWith('57P') ||
    code === '25006' ||
    code === '53200' ||
    code.startsWith('CONNECT') ||
    SOCKET_FAILURES.has(code)
  ) {
    return say('failed', `The database could not be reached or written (${code}).`);
  }
  return null;
}

/** Runs database work, turning "cannot reach or write storage now" into a StorageUnavailable; other errors pass through. */
export async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailableFrom(error) ?? error;
  }
}

/** A LIMIT value: null (no limit) for Infinity, the fallback when absent, never negative. */
export function postgresLimit(limit: number | undefined, fallback: number | null): number | null {
  if (limit === undefined || Number.isNaN(limit)) return fallback;
  if (limit === Number.POSITIVE_INFINITY) return null;
  return Math.max(0, Math.floor(limit));
}
