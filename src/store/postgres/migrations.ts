import type { Sql, TransactionSql } from 'postgres';
import { StoreError } from '../store-error.js';

// The Postgres schema as a list of steps, like the SQLite one: append new
// steps, never edit a released one. `schema_migrations` records which have run.
// Every replica runs the list at start; an advisory lock held by each step's
// transaction makes a second replica wait, then find the step already done.

export interface PostgresMigration {
  /** What the step does, for the error message when it fails. */
  name: string;
  sql: string;
}

/** Any constant shared by every replica: the key of the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 7_342_001;

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    name: 'the schema of SQLite step 9: conversations, assessments, deliveries and their inbox, digests, reviews, settings',
    sql: `
      -- Timestamps are ISO 8601 UTC strings, as in SQLite, so text order is
      -- time order and a row reads back exactly as it was written. JSON
      -- columns are jsonb: checked on write, and queryable by operators.
      CREATE TABLE conversations (
        id          text PRIMARY KEY,
        workspace   text NOT NULL,
        platform    text NOT NULL,
        channel     text NOT NULL,
        thread      text NOT NULL,
        user_id     text NOT NULL,
        status      text NOT NULL,
        facts       jsonb NOT NULL,
        pending     text,
        misses      integer NOT NULL DEFAULT 0,
        last        jsonb,
        anchor      text,
        description text NOT NULL DEFAULT '',
        created_at  text NOT NULL,
        updated_at  text NOT NULL
      );
      CREATE INDEX conversations_by_thread ON conversations (platform, workspace, channel, thread, created_at);
      CREATE INDEX conversations_by_workspace ON conversations (workspace, updated_at);
      CREATE INDEX conversations_by_channel ON conversations (workspace, channel, updated_at);

      CREATE TABLE turns (
        conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        seq             integer NOT NULL,
        at              text NOT NULL,
        role            text NOT NULL,
        kind            text NOT NULL,
        actor           text NOT NULL,
        text            text NOT NULL,
        -- NULL when the turn had no payload; JSON 'null' when it was null.
        payload         jsonb,
        PRIMARY KEY (conversation_id, seq)
      );

      -- No foreign key to conversations: a record copies what it needs.
      CREATE TABLE assessments (
        id                      text PRIMARY KEY,
        conversation_id         text NOT NULL,
        workspace               text NOT NULL,
        platform                text NOT NULL,
        channel                 text NOT NULL,
        thread                  text NOT NULL,
        user_id                 text NOT NULL,
        at                      text NOT NULL,
        description             text NOT NULL,
        verdict                 text NOT NULL,
        recommended             text NOT NULL,
        recommended_monthly_usd double precision,
        alternative_monthly_usd double precision,
        catalog_version         text NOT NULL,
        reassessment            boolean NOT NULL,
        facts                   jsonb,
        catalog_as_of           text
      );
      -- The digest aggregates read a workspace's (or a channel's) week from the index alone.
      CREATE INDEX assessments_by_workspace ON assessments (workspace, at)
        INCLUDE (verdict, recommended, recommended_monthly_usd, alternative_monthly_usd, reassessment);
      CREATE INDEX assessments_by_channel ON assessments (workspace, channel, at)
        INCLUDE (verdict, recommended, recommended_monthly_usd, alternative_monthly_usd, reassessment);
      CREATE INDEX assessments_by_conversation ON assessments (conversation_id);

      -- Claims and the inbox. seq is the arrival order of inbox entries.
      CREATE TABLE deliveries (
        platform    text NOT NULL,
        workspace   text NOT NULL,
        delivery_id text NOT NULL,
        at          text NOT NULL,
        payload     jsonb,
        done_at     text,
        seq         bigint UNIQUE,
        lane        text,
        raw         jsonb,
        PRIMARY KEY (platform, workspace, delivery_id)
      );
      CREATE SEQUENCE deliveries_seq OWNED BY deliveries.seq;
      CREATE INDEX deliveries_by_time ON deliveries (at);
      CREATE INDEX deliveries_unfinished ON deliveries (platform, at) WHERE payload IS NOT NULL AND done_at IS NULL;
      CREATE INDEX deliveries_waiting ON deliveries (platform, seq) WHERE payload IS NOT NULL AND done_at IS NULL;

      CREATE TABLE delivery_effects (
        platform    text NOT NULL,
        workspace   text NOT NULL,
        delivery_id text NOT NULL,
        step        text NOT NULL,
        state       text NOT NULL CHECK (state IN ('begun', 'done')),
        result      jsonb,
        at          text NOT NULL,
        PRIMARY KEY (platform, workspace, delivery_id, step),
        FOREIGN KEY (platform, workspace, delivery_id) REFERENCES deliveries (platform, workspace, delivery_id) ON DELETE CASCADE
      );

      CREATE TABLE digest_subscriptions (
        id         text PRIMARY KEY,
        platform   text NOT NULL,
        workspace  text NOT NULL,
        channel    text NOT NULL,
        weekday    text NOT NULL,
        time       text NOT NULL,
        timezone   text NOT NULL,
        quiet      text NOT NULL CHECK (quiet IN ('one-line', 'skip')),
        created_by text NOT NULL,
        created_at text NOT NULL,
        UNIQUE (platform, workspace, channel)
      );

      -- The claim: the primary key lets exactly one scheduler of any replica
      -- insert the row for a subscription's week, and only that one posts.
      CREATE TABLE digest_runs (
        subscription_id text NOT NULL,
        week            text NOT NULL,
        scheduled_at    text NOT NULL,
        claimed_at      text NOT NULL,
        claimed_by      text NOT NULL,
        status          text NOT NULL CHECK (status IN ('claimed', 'sent', 'skipped', 'failed')),
        late            boolean NOT NULL,
        finished_at     text,
        detail          text,
        PRIMARY KEY (subscription_id, week)
      );

      CREATE TABLE reviews (
        id             text NOT NULL,
        workspace      text NOT NULL,
        platform       text NOT NULL,
        channel        text NOT NULL,
        thread         text NOT NULL,
        opened_by      text NOT NULL,
        name           text NOT NULL,
        status         text NOT NULL CHECK (status IN ('open', 'closed')),
        components     jsonb NOT NULL,
        next_component integer NOT NULL DEFAULT 0,
        anchor         text,
        created_at     text NOT NULL,
        updated_at     text NOT NULL,
        PRIMARY KEY (workspace, id)
      );
      CREATE UNIQUE INDEX reviews_by_thread ON reviews (platform, workspace, channel, thread);
      CREATE INDEX reviews_by_workspace ON reviews (workspace, updated_at);

      CREATE TABLE review_changes (
        workspace text NOT NULL,
        review_id text NOT NULL,
        seq       integer NOT NULL,
        at        text NOT NULL,
        actor     text NOT NULL,
        kind      text NOT NULL,
        component text,
        text      text NOT NULL,
        PRIMARY KEY (workspace, review_id, seq),
        FOREIGN KEY (workspace, review_id) REFERENCES reviews (workspace, id) ON DELETE CASCADE
      );

      CREATE TABLE workspace_settings (
        platform    text NOT NULL,
        workspace   text NOT NULL,
        region      text CHECK (region IS NULL OR length(region) BETWEEN 1 AND 40),
        updated_by  text NOT NULL,
        updated_at  text NOT NULL,
        PRIMARY KEY (platform, workspace)
      );
    `,
  },
  {
    name: 'insertion order of conversations, assessments and reviews',
    sql: `
      -- SQLite breaks ties in time (two assessments in one millisecond, two
      -- conversations updated together) by rowid, the order rows were
      -- inserted in; this column is that order here, so both stores list,
      -- find the newest and pick each conversation's decision alike.
      ALTER TABLE conversations ADD COLUMN row_order bigint GENERATED ALWAYS AS IDENTITY;
      ALTER TABLE assessments ADD COLUMN row_order bigint GENERATED ALWAYS AS IDENTITY;
      ALTER TABLE reviews ADD COLUMN row_order bigint GENERATED ALWAYS AS IDENTITY;
      CREATE UNIQUE INDEX assessments_by_row_order ON assessments (row_order);
    `,
  },
  {
    name: 'inbox entries are leased to one replica at a time (SQLite step 11)',
    sql: `
      -- The replica working an entry (an id per process) and until when,
      -- renewed while the work goes on; another replica takes the entry over
      -- once the lease has lapsed (its holder was killed mid-work).
      ALTER TABLE deliveries ADD COLUMN lease_holder text;
      ALTER TABLE deliveries ADD COLUMN lease_until text;
      CREATE INDEX deliveries_waiting_by_lane ON deliveries (platform, lane, seq) WHERE payload IS NOT NULL AND done_at IS NULL;
    `,
  },
  {
    name: 'installations in many workspaces, erasures after an uninstall, install states (SQLite step 10)',
    sql: `
      -- One grant per workspace, or per organisation for an organisation-wide
      -- install ('' stands for "none" so the key stays a plain primary key).
      CREATE TABLE installations (
        platform      text NOT NULL,
        workspace     text NOT NULL,
        organisation  text NOT NULL,
        bot_token     text NOT NULL,
        bot_user_id   text,
        installed_by  text,
        installed_at  text NOT NULL,
        details       jsonb NOT NULL,
        PRIMARY KEY (platform, workspace, organisation)
      );
      CREATE INDEX installations_by_organisation ON installations (platform, organisation) WHERE workspace = '';

      CREATE TABLE organisation_workspaces (
        platform     text NOT NULL,
        organisation text NOT NULL,
        workspace    text NOT NULL,
        PRIMARY KEY (platform, organisation, workspace)
      );

      CREATE TABLE workspace_erasures (
        platform   text NOT NULL,
        workspace  text NOT NULL,
        revoked_at text NOT NULL,
        PRIMARY KEY (platform, workspace)
      );
      CREATE INDEX workspace_erasures_by_time ON workspace_erasures (revoked_at);

      CREATE TABLE install_states (
        state      text PRIMARY KEY,
        expires_at text NOT NULL
      );
    `,
  },
  {
    name: 'a workspace\'s standing commitment (SQLite step 12)',
    sql: `
      -- The plan, term and payment option as JSON text (the same bytes SQLite keeps); NULL is on-demand only.
      ALTER TABLE workspace_settings ADD COLUMN commitment text CHECK (commitment IS NULL OR length(commitment) <= 200);
    `,
  },
];

/**
 * Brings the database up to the last step; returns the schema version it
 * ends at. Each step runs in its own transaction with its version row, after
 * taking the advisory lock for that transaction, and checks again that no
 * other replica ran it meanwhile: a failure leaves the previous version.
 */
export async function applyPostgresMigrations(
  sql: Sql,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
  label = 'the Postgres database',
): Promise<number> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.catch(
    async (error: unknown) => {
      // Two replicas creating the table at once: one wins, the other finds it there.
      if ((await postgresSchemaVersion(sql).catch(() => -1)) < 0) throw error;
    },
  );
  const current = await postgresSchemaVersion(sql);
  if (current > migrations.length) throw newerSchema(label, current, migrations.length);
  for (let version = current; version < migrations.length; version++) {
    const migration = migrations[version]!;
    try {
      await sql.begin(async (tx) => {
        await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
        if ((await postgresSchemaVersion(tx)) > version) return;
        await tx.unsafe(migration.sql);
        await tx`INSERT INTO schema_migrations (version, name) VALUES (${version + 1}, ${migration.name})`;
      });
    } catch (error) {
      throw new StoreError(
        'migration-failed',
        `Could not upgrade ${label} to schema ${version + 1} (${migration.name}): ${error instanceof Error ? error.message : String(error)}. ` +
          `It was left at schema ${version}; restore a backup or point DATABASE_URL at a new database.`,
        { cause: error },
      );
    }
  }
  return migrations.length;
}

function newerSchema(label: string, current: number, known: number): StoreError {
  return new StoreError(
    'migration-failed',
    `${label} was written by a newer version of serverless-fit (schema ${current}; this version knows up to ${known}). ` +
      'Upgrade serverless-fit, or point DATABASE_URL at another database.',
  );
}

/** How many steps have run (0 on an empty database). */
export async function postgresSchemaVersion(sql: Sql | TransactionSql): Promise<number> {
  const [table] = await sql<{ present: boolean }[]>`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`;
  if (!table?.present) return 0;
  const [row] = await sql<{ version: number | null }[]>`SELECT max(version) AS version FROM schema_migrations`;
  return row?.version ?? 0;
}
