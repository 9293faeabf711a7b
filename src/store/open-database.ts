import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { applyMigrations } from './migrations.js';
import { StoreError, sqliteCode } from './store-error.js';

export { StoreError } from './store-error.js';
export type { StoreErrorCode } from './store-error.js';

/** A better-sqlite3 connection, as returned by openDatabase. */
export type Database = BetterSqlite3.Database;

/**
 * Opens (creating if needed) the SQLite file at `file`, tuned for one busy
 * writer and brought up to the current schema. Every expected failure is a
 * StoreError whose message names the file and what to do about it.
 */
export function openDatabase(file: string): Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) ensureParentFolder(file);

  let db: Database;
  try {
    db = new BetterSqlite3(file);
  } catch (error) {
    throw translate(error, file);
  }
  try {
    // The first statement is where SQLite reads the header: a file that is not
    // a database fails here, not in the constructor.
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power
    // loss can drop the last commits, which is fine for chat history.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Slack and Discord handlers, the CLI and the scheduler may share the file.
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, undefined, file);
    return db;
  } catch (error) {
    db.close();
    throw translate(error, file);
  }
}

function ensureParentFolder(file: string): void {
  const folder = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new StoreError(
      'cannot-open',
      `Cannot create the folder "${folder}" for the database "${file}" (${describe(error)}). ` +
        'Create it yourself, or choose a database path in a folder you can write to.',
      { cause: error },
    );
  }
}

function translate(error: unknown, file: string): StoreError {
  if (error instanceof StoreError) return error;
  switch (sqliteCode(error)) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return new StoreError(
        'not-a-database',
        `"${file}" is not a usable SQLite database (${describe(error)}). ` +
          'It may be another kind of file or damaged: move it aside (or choose another database path) ' +
          'and serverless-fit will create a fresh database there.',
        { cause: error },
      );
    case 'SQLITE_BUSY':
      return new StoreError(
        'cannot-open',
        `The database "${file}" stayed locked by another process for more than 5 seconds. ` +
          'Stop the other serverless-fit process using it, or choose another database path.',
        { cause: error },
      );
    default:
      return new StoreError(
        'cannot-open',
        `Cannot open the database "${file}" (${describe(error)}). ` +
          'Check that the path is a file (not a folder) you can read and write, or choose another database path.',
        { cause: error },
      );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
