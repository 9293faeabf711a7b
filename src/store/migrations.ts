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
  {
    name: 'digest subscriptions and runs',
    sql: `
      -- One weekly digest per channel; re-subscribing replaces the schedule and keeps the id.
      CREATE TABLE digest_subscriptions (
        id         TEXT PRIMARY KEY,
        platform   TEXT NOT NULL,
        workspace  TEXT NOT NULL,
        channel    TEXT NOT NULL,
        weekday    TEXT NOT NULL,
        time       TEXT NOT NULL,
        timezone   TEXT NOT NULL,
        quiet      TEXT NOT NULL CHECK (quiet IN ('one-line', 'skip')),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (platform, workspace, channel)
      ) STRICT;

      -- The claim: the primary key lets exactly one scheduler (of any number
      -- of processes on this file) insert the row for a subscription's week,
      -- and only that one posts. No foreign key: the history outlives an
      -- unsubscribe, and a re-subscribe in the same week finds its claim.
      CREATE TABLE digest_runs (
        subscription_id TEXT NOT NULL,
        week            TEXT NOT NULL,
        scheduled_at    TEXT NOT NULL,
        claimed_at      TEXT NOT NULL,
        claimed_by      TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'skipped', 'failed')),
        late            INTEGER NOT NULL CHECK (late IN (0, 1)),
        finished_at     TEXT,
        detail          TEXT,
        PRIMARY KEY (subscription_id, week)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    name: 'design reviews and their trail',
    sql: `
      -- A review id is short enough to type, so it is unique per workspace, not globally.
      CREATE TABLE reviews (
        id             TEXT NOT NULL,
        workspace      TEXT NOT NULL,
        platform       TEXT NOT NULL,
        channel        TEXT NOT NULL,
        thread         TEXT NOT NULL,
        opened_by      TEXT NOT NULL,
        name           TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        -- The components with their facts and latest results: always read and written whole.
        components     TEXT NOT NULL CHECK (json_valid(components)),
        next_component INTEGER NOT NULL DEFAULT 0,
        anchor         TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        PRIMARY KEY (workspace, id)
      ) STRICT;
      CREATE UNIQUE INDEX reviews_by_thread ON reviews (platform, workspace, channel, thread);
      CREATE INDEX reviews_by_workspace ON reviews (workspace, updated_at);

      CREATE TABLE review_changes (
        workspace TEXT NOT NULL,
        review_id TEXT NOT NULL,
        seq       INTEGER NOT NULL,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        kind      TEXT NOT NULL,
        component TEXT,
        text      TEXT NOT NULL,
        PRIMARY KEY (workspace, review_id, seq),
        FOREIGN KEY (workspace, review_id) REFERENCES reviews (workspace, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    name: 'deliveries keep their work until done',
    sql: `
      -- A command is claimed with its payload before Slack is told "received",
      -- and marked done after; what a crash interrupted is replayed at start.
      ALTER TABLE deliveries ADD COLUMN payload TEXT;
      ALTER TABLE deliveries ADD COLUMN done_at TEXT;
      CREATE INDEX deliveries_unfinished ON deliveries (platform, at) WHERE payload IS NOT NULL AND done_at IS NULL;
    `,
  },
  {
    name: 'what each delivery has done so far',
    sql: `
      -- One row per outward effect of a delivery's work (a message posted, the
      -- advisor's answer saved): a replay after a crash reads them and continues
      -- instead of posting again. Dropped when the delivery is done.
      CREATE TABLE delivery_effects (
        platform    TEXT NOT NULL,
        workspace   TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        step        TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('begun', 'done')),
        result      TEXT CHECK (result IS NULL OR json_valid(result)),
        at          TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, delivery_id, step),
        FOREIGN KEY (platform, workspace, delivery_id) REFERENCES deliveries (platform, workspace, delivery_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    name: 'Discord direct messages become a workspace per person',
    sql: `
      -- Discord DMs were all stored under one workspace, '@me', so an id from
      -- someone else's DM could reach their conversation. Each person's DMs
      -- are now '@me:<user id>'. The review trail moves with its review (the
      -- foreign key is checked at commit, once both sides have moved).
      PRAGMA defer_foreign_keys = ON;
      UPDATE review_changes SET workspace = '@me:' || (
        SELECT opened_by FROM reviews r WHERE r.workspace = '@me' AND r.id = review_changes.review_id
      ) WHERE workspace = '@me';
      UPDATE reviews SET workspace = '@me:' || opened_by WHERE workspace = '@me' AND platform = 'discord';
      UPDATE conversations SET workspace = '@me:' || user WHERE workspace = '@me' AND platform = 'discord';
      UPDATE assessments SET workspace = '@me:' || user WHERE workspace = '@me' AND platform = 'discord';
      UPDATE digest_subscriptions SET workspace = '@me:' || created_by WHERE workspace = '@me' AND platform = 'discord';
    `,
  },
  {
    name: 'deliveries become an inbox worked in arrival order per conversation',
    sql: `
      -- A delivery is written here (with the request as it arrived) and only
      -- then acknowledged; workers take each conversation's (lane's) entries
      -- in arrival order. seq is that order: one more than the highest so far,
      -- taken inside the insert's own write lock, so it never repeats.
      ALTER TABLE deliveries ADD COLUMN seq INTEGER;
      ALTER TABLE deliveries ADD COLUMN lane TEXT;
      ALTER TABLE deliveries ADD COLUMN raw TEXT CHECK (raw IS NULL OR json_valid(raw));
      -- Work kept from before this step keeps its place, each delivery a lane of its own.
      UPDATE deliveries SET
        seq = (SELECT count(*) FROM deliveries d WHERE d.payload IS NOT NULL AND d.done_at IS NULL
               AND (d.at, d.platform, d.workspace, d.delivery_id) <= (deliveries.at, deliveries.platform, deliveries.workspace, deliveries.delivery_id)),
        lane = platform || '/' || workspace || '/' || delivery_id
      WHERE payload IS NOT NULL AND done_at IS NULL;
      CREATE UNIQUE INDEX deliveries_by_seq ON deliveries (seq);
      CREATE INDEX deliveries_waiting ON deliveries (platform, seq) WHERE payload IS NOT NULL AND done_at IS NULL;
    `,
  },
  {
    name: 'assessments keep the facts they were assessed from',
    sql: `
      -- The workload facts each assessment was computed from, so it can be
      -- assessed again at another catalog's prices, and the as-of date of the
      -- catalog it used. Rows saved before this step have neither: they are
      -- counted as such when history is re-priced, never guessed.
      ALTER TABLE assessments ADD COLUMN facts TEXT CHECK (facts IS NULL OR json_valid(facts));
      ALTER TABLE assessments ADD COLUMN catalog_as_of TEXT;
    `,
  },
  {
    name: 'settings per workspace (the default region)',
    sql: `
      CREATE TABLE workspace_settings (
        platform    TEXT NOT NULL,
        workspace   TEXT NOT NULL,
        region      TEXT CHECK (region IS NULL OR length(region) BETWEEN 1 AND 40),
        updated_by  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (platform, workspace)
      );
    `,
  },
  {
    name: 'installations in many workspaces, erasures after an uninstall, install states',
    sql: `
      -- One grant per workspace, or per organisation for an organisation-wide
      -- install ('' stands for "none" so the key stays a plain primary key).
      CREATE TABLE installations (
        platform      TEXT NOT NULL,
        workspace     TEXT NOT NULL,
        organisation  TEXT NOT NULL,
        bot_token     TEXT NOT NULL,
        bot_user_id   TEXT,
        installed_by  TEXT,
        installed_at  TEXT NOT NULL,
        details       TEXT NOT NULL CHECK (json_valid(details)),
        PRIMARY KEY (platform, workspace, organisation)
      ) STRICT;
      CREATE INDEX installations_by_organisation ON installations (platform, organisation) WHERE workspace = '';

      -- The workspaces an organisation-wide grant has served: revoking it marks each for erasure.
      CREATE TABLE organisation_workspaces (
        platform     TEXT NOT NULL,
        organisation TEXT NOT NULL,
        workspace    TEXT NOT NULL,
        PRIMARY KEY (platform, organisation, workspace)
      ) STRICT, WITHOUT ROWID;

      -- A workspace whose grant was revoked; its data goes once the grace period has passed, unless it reinstalls first.
      CREATE TABLE workspace_erasures (
        platform   TEXT NOT NULL,
        workspace  TEXT NOT NULL,
        revoked_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX workspace_erasures_by_time ON workspace_erasures (revoked_at);

      -- The state of an install in progress: taken once, so a replayed callback is refused.
      CREATE TABLE install_states (
        state      TEXT PRIMARY KEY,
        expires_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    name: 'inbox entries are leased to one replica at a time',
    sql: `
      -- Several serve processes may share one database: an entry is worked by
      -- the replica holding its lease (an id per process) until lease_until,
      -- renewed while the work goes on. A replica killed mid-work stops
      -- renewing, and another takes the entry over once the lease has lapsed.
      ALTER TABLE deliveries ADD COLUMN lease_holder TEXT;
      ALTER TABLE deliveries ADD COLUMN lease_until TEXT;
      -- A lane's earlier waiting entries, looked up on every lease.
      CREATE INDEX deliveries_waiting_by_lane ON deliveries (platform, lane, seq) WHERE payload IS NOT NULL AND done_at IS NULL;
    `,
  },
  {
    name: 'a workspace\'s standing commitment (Savings Plan or Reserved Instances)',
    sql: `
      -- The plan, term and payment option a workspace prices its assessments
      -- with when their words ask for none, as JSON; NULL is on-demand only.
      ALTER TABLE workspace_settings ADD COLUMN commitment TEXT CHECK (commitment IS NULL OR (json_valid(commitment) AND length(commitment) <= 200));
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
