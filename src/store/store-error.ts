// Expected storage failures carry a code so callers can choose what to say;
// the message is already fit to print (it names the file and what to do).

export type StoreErrorCode =
  | 'not-a-database'
  | 'cannot-open'
  | 'migration-failed'
  | 'not-found'
  | 'duplicate';

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** SQLite's own error code (SQLITE_NOTADB, ...) when `error` came from better-sqlite3. */
export function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}
