import type { Sql } from 'postgres';
import { afterAll } from 'vitest';
import { openPostgres, type PostgresDatabase } from '../../src/store/postgres/open-postgres.js';
import { createPostgresInstallationStore } from '../../src/store/postgres/installations.js';
import { describePostgres, freshPostgresDatabase, type FreshDatabase } from '../helpers/postgres.js';
import { installationStoreContract, type Kept, type WorkspaceData } from './installation-store.contract.js';

// The installation contract on Postgres, on a database of the run's server
// emptied before each test. The workspace data the erasure must reach is written and
// counted in SQL, row for row what the SQLite run writes through the ports.

/** One of everything a workspace keeps, as rows of the Postgres schema. */
function dataInSql(sql: Sql): WorkspaceData {
  return {
    async seed(workspace, platform) {
      const id = `${platform}-${workspace}`;
      const at = '2026-11-02T09:00:00.000Z';
      await sql`INSERT INTO conversations (id, workspace, platform, channel, thread, user_id, status, facts, created_at, updated_at)
                VALUES (${`c-${id}`}, ${workspace}, ${platform}, 'C-eng', '1700000000.000100', 'U-ann', 'interviewing', ${sql.json({ description: 'resize images' })}, ${at}, ${at})`;
      await sql`INSERT INTO turns (conversation_id, seq, at, role, kind, actor, text) VALUES (${`c-${id}`}, 1, ${at}, 'user', 'answer', 'U-ann', 'resize images')`;
      await sql`INSERT INTO assessments (id, conversation_id, workspace, platform, channel, thread, user_id, at, description, verdict, recommended, catalog_version, reassessment)
                VALUES (${`a-${id}`}, ${`c-${id}`}, ${workspace}, ${platform}, 'C-eng', '1700000000.000100', 'U-ann', ${at}, 'resize images', 'fit', 'aws-lambda', '2026-11-01', false)`;
      await sql`INSERT INTO reviews (id, workspace, platform, channel, thread, opened_by, name, status, components, created_at, updated_at)
                VALUES (${`r-${id}`}, ${workspace}, ${platform}, 'C-eng', ${`thread-${id}`}, 'U-ann', 'checkout', 'open', ${sql.json([])}, ${at}, ${at})`;
      await sql`INSERT INTO review_changes (workspace, review_id, seq, at, actor, kind, text) VALUES (${workspace}, ${`r-${id}`}, 1, ${at}, 'U-ann', 'add', 'api')`;
      await sql`INSERT INTO digest_subscriptions (id, platform, workspace, channel, weekday, time, timezone, quiet, created_by, created_at)
                VALUES (${`s-${id}`}, ${platform}, ${workspace}, 'C-eng', 'monday', '09:00', 'Europe/Berlin', 'one-line', 'U-ann', ${at})`;
      await sql`INSERT INTO digest_runs (subscription_id, week, scheduled_at, claimed_at, claimed_by, status, late) VALUES (${`s-${id}`}, '2026-W45', ${at}, ${at}, 'host:1', 'sent', false)`;
      await sql`INSERT INTO workspace_settings (platform, workspace, region, updated_by, updated_at) VALUES (${platform}, ${workspace}, 'eu-west-1', 'U-ann', ${at})`;
      await sql`INSERT INTO deliveries (platform, workspace, delivery_id, at) VALUES (${platform}, ${workspace}, ${`d-${id}`}, ${at})`;
      await sql`INSERT INTO delivery_effects (platform, workspace, delivery_id, step, state, at) VALUES (${platform}, ${workspace}, ${`d-${id}`}, 'posted', 'done', ${at})`;
    },
    async kept(workspace, platform) {
      const [row] = await sql<{ [K in keyof Kept]: string }[]>`SELECT
        (SELECT count(*) FROM conversations WHERE platform = ${platform} AND workspace = ${workspace}) AS conversations,
        (SELECT count(*) FROM turns WHERE conversation_id = ${`c-${platform}-${workspace}`}) AS turns,
        (SELECT count(*) FROM assessments WHERE platform = ${platform} AND workspace = ${workspace}) AS assessments,
        (SELECT count(*) FROM reviews WHERE platform = ${platform} AND workspace = ${workspace}) AS reviews,
        (SELECT count(*) FROM digest_subscriptions WHERE platform = ${platform} AND workspace = ${workspace}) AS subscriptions,
        (SELECT count(*) FROM workspace_settings WHERE platform = ${platform} AND workspace = ${workspace}) AS settings,
        (SELECT count(*) FROM deliveries WHERE platform = ${platform} AND workspace = ${workspace}) AS deliveries`;
      return Object.fromEntries(Object.entries(row ?? {}).map(([key, n]) => [key, Number(n)])) as unknown as Kept;
    },
  };
}

describePostgres('the installation store on Postgres', () => {
  // One database for the file (creating one per test costs more than the tests); each test starts from empty tables.
  let opened: Promise<{ db: PostgresDatabase; fresh: FreshDatabase }> | null = null;
  afterAll(async () => {
    if (!opened) return;
    const { db, fresh } = await opened;
    await db.close();
    await fresh.drop();
  });
  installationStoreContract('Postgres', async () => {
    opened ??= freshPostgresDatabase().then(async (fresh) => ({ fresh, db: await openPostgres(fresh.url, { max: 3 }) }));
    const { db } = await opened;
    await db.sql.unsafe(`TRUNCATE ${EVERY_TABLE.join(', ')} CASCADE`);
    return { installations: createPostgresInstallationStore(db.sql), data: dataInSql(db.sql), close: () => undefined };
  });
});

const EVERY_TABLE = [
  'installations', 'organisation_workspaces', 'workspace_erasures', 'install_states', 'conversations', 'turns', 'assessments',
  'reviews', 'review_changes', 'digest_subscriptions', 'digest_runs', 'workspace_settings', 'deliveries', 'delivery_effects',
];
