import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './store-error.js';

// The schema is a list of steps; `PRAGMA user_version` records how many have
// run. Append new steps, never edit a released one: a database on disk has
// already run it. Each step runs in its own IMMEDIATE transaction together
// with the version bump, so a failure leaves the file at the previous version,
// and two processes starting at once cannot both apply the same step.

export interface Migration {
  /** What the step does, for the error message when it fails. */
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'conversations, turns, assessments, deliveries',
    sql: `
      -- Timestamps are ISO 8601 UTC strings, so text order is time order.
      CREATE TABLE conversations (
        id          TEXT PRIMARY KEY,
        workspace   TEXT NOT NULL,
        platform    TEXT NOT NULL,
        channel     TEXT NOT NULL,
        thread      TEXT NOT NULL,
        user        TEXT NOT NULL,
        status      TEXT NOT NULL,
        facts       TEXT NOT NULL CHECK (json_valid(facts)),
        pending     TEXT,
        misses      INTEGER NOT NULL DEFAULT 0,
        last        TEXT CHECK (last IS NULL OR json_valid(last)),
        anchor      TEXT,
        -- Copied from facts.description so listing needs no JSON parsing.
        description TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conversations_by_thread ON conversations (platform, workspace, channel, thread, created_at);
      CREATE INDEX conversations_by_workspace ON conversations (workspace, updated_at);
      CREATE INDEX conversations_by_channel ON conversations (workspace, channel, updated_at);

      CREATE TABLE turns (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        at              TEXT NOT NULL,
        role            TEXT NOT NULL,
        kind            TEXT NOT NULL,
        actor           TEXT NOT NULL,
        text            TEXT NOT NULL,
        -- NULL when the turn had no payload; JSON 'null' when it was null.
        payload         TEXT CHECK (payload IS NULL OR json_valid(payload)),
        PRIMARY KEY (conversation_id, seq)
      ) STRICT, WITHOUT ROWID;

      -- No foreign key to conversations: a record copies what it needs
      -- (channel, description, ...) so history and digests stand on their own.
      CREATE TABLE assessments (
        id                      TEXT PRIMARY KEY,
        conversation_id         TEXT NOT NULL,
        workspace               TEXT NOT NULL,
        platform                TEXT NOT NULL,
        channel                 TEXT NOT NULL,
        thread                  TEXT NOT NULL,
        user                    TEXT NOT NULL,
        at                      TEXT NOT NULL,
        description             TEXT NOT NULL,
        verdict                 TEXT NOT NULL,
        recommended             TEXT NOT NULL,
        recommended_monthly_usd REAL,
        alternative_monthly_usd REAL,
        catalog_version         TEXT NOT NULL,
        reassessment            INTEGER NOT NULL CHECK (reassessment IN (0, 1))
      ) STRICT;
      -- Weekly digests aggregate a workspace's (or a channel's) week over
      -- millions of rows. Carrying the aggregated columns in the index lets
      -- SQLite answer those GROUP BY queries from the index alone (a covering
      -- index), never touching the wide table rows.
      CREATE INDEX assessments_by_workspace ON assessments
        (workspace, at, verdict, recommended, recommended_monthly_usd, alternative_monthly_usd, reassessment);
      CREATE INDEX assessments_by_channel ON assessments
        (workspace, channel, at, verdict, recommended, recommended_monthly_usd, alternative_monthly_usd, reassessment);
      CREATE INDEX assessments_by_conversation ON assessments (conversation_id);

      CREATE TABLE deliveries (
        platform    TEXT NOT NULL,
        workspace   TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        at          TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, delivery_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX deliveries_by_time ON deliveries (at);
    `,
  },
];

/** Brings `db` up to the last migration; returns the schema version it ends at. */
export function applyMigrations(
  db: BetterSqlite3.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  label: string = db.name,
): number {
  const current = userVersion(db);
  if (current > migrations.length) {
    throw new StoreError(
      'migration-failed',
      `The database "${label}" was written by a newer version of serverless-fit (schema ${current}; ` +
        `this version knows up to ${migrations.length}). Upgrade serverless-fit, or point it at another database file.`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    const migration = migrations[version]!;
    const step = db.transaction(() => {
      // Another process may have applied this step while we waited for the lock.
      if (userVersion(db) > version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${version + 1}`);
    });
    try {
      step.immediate();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        'migration-failed',
        `Could not upgrade the database "${label}" to schema ${version + 1} (${migration.name}): ` +
          `${error instanceof Error ? error.message : String(error)}. The file was left at schema ${userVersion(db)}; ` +
          `restore a backup or point serverless-fit at a new database file.`,
        { cause: error },
      );
    }
  }
  return migrations.length;
}

export function userVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
