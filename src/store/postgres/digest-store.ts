import type { Sql } from 'postgres';
import type { DigestSubscription, DigestWindow } from '../../core/digest/digest-types.js';
import type { DigestStore } from '../../core/ports.js';
import {
  runFromRow,
  subscriptionFromRow,
  subscriptionToRow,
  weekFiguresFrom,
  weekTotalsFrom,
  type FlipRow,
  type PlatformRow,
  type RunRow,
  type SubscriptionRow,
  type VerdictRow,
  type WorkloadRow,
} from '../digest-rows.js';
import { sessionOf } from './postgres-session.js';
import { createPostgresReviewActivity } from './review-activity.js';

// Digest figures on Postgres as a handful of aggregate queries over the
// week's index range (the counts read assessments_by_workspace alone, an
// index-only scan), as on SQLite. A workload is a conversation, counted once
// at its latest assessment in the window; row_order (insertion order) breaks
// ties in `at` where SQLite uses rowid. The run claim is the primary key of
// digest_runs: of N schedulers inserting one (subscription, week), on any
// replica, the others wait for the first insert's commit and then do nothing.

type WindowParams = DigestWindow & { workspace: string };

export function createPostgresDigestStore(pool: Sql): DigestStore {
  const session = sessionOf(pool);
  const db = () => session.sql();
  const reviewActivity = createPostgresReviewActivity(db);

  const inWindow = (q: Sql, { workspace, since, until }: WindowParams) => q`workspace = ${workspace} AND at >= ${since} AND at < ${until}`;
  const latestInWindow = (q: Sql, params: WindowParams) => q`
    WITH latest AS (
      SELECT * FROM (
        SELECT conversation_id, platform, channel, thread, description, verdict, recommended,
               recommended_monthly_usd, alternative_monthly_usd, at,
               row_number() OVER (PARTITION BY conversation_id ORDER BY at DESC, row_order DESC) AS rn
        FROM assessments
        WHERE ${inWindow(q, params)}
      ) ranked WHERE rn = 1
    )`;
  // A flip: a re-assessment whose verdict differs from the one just before it in its conversation.
  const flips = (q: Sql, params: WindowParams) => q`
    WITH flips AS (
      SELECT * FROM (
        SELECT a.conversation_id, a.platform, a.channel, a.thread, a.description, a.verdict, a.at, a.row_order AS seq,
               (SELECT p.verdict FROM assessments p
                 WHERE p.workspace = a.workspace AND p.conversation_id = a.conversation_id
                   AND (p.at < a.at OR (p.at = a.at AND p.row_order < a.row_order))
                 ORDER BY p.at DESC, p.row_order DESC LIMIT 1) AS previous
        FROM assessments a
        WHERE a.workspace = ${params.workspace} AND a.at >= ${params.since} AND a.at < ${params.until} AND a.reassessment
      ) candidates WHERE previous IS NOT NULL AND previous <> verdict
    )`;

  const workloadTotals = async (params: WindowParams) => {
    const q = db();
    const [row] = await q<{ workloads: number; usd: number }[]>`
      ${latestInWindow(q, params)}
      SELECT COUNT(*)::int AS workloads, COALESCE(SUM(recommended_monthly_usd), 0) AS usd FROM latest`;
    return row;
  };
  const assessmentCount = async (params: WindowParams) => {
    const q = db();
    const [row] = await q<{ assessments: number }[]>`SELECT COUNT(*)::int AS assessments FROM assessments WHERE ${inWindow(q, params)}`;
    return row?.assessments ?? 0;
  };

  return {
    async weekFigures(workspace, window, options = {}) {
      const params = { workspace, since: window.since, until: window.until };
      const q = db();
      // Independent reads: sent together, answered in one round trip's time.
      const [verdicts, platforms, top, flipCount, flipList, counts, items] = await Promise.all([
        q<VerdictRow[]>`SELECT verdict, COUNT(*)::int AS n FROM assessments WHERE ${inWindow(q, params)} GROUP BY verdict`,
        q<PlatformRow[]>`
          ${latestInWindow(q, params)}
          SELECT recommended, COUNT(*)::int AS workloads,
                 COALESCE(SUM(recommended_monthly_usd), 0) AS usd,
                 COALESCE(SUM(CASE WHEN recommended_monthly_usd IS NOT NULL THEN alternative_monthly_usd END), 0) AS alt,
                 COALESCE(SUM(alternative_monthly_usd - recommended_monthly_usd), 0) AS saving
          FROM latest GROUP BY recommended`,
        q<WorkloadRow[]>`
          ${latestInWindow(q, params)}
          SELECT conversation_id, platform, channel, thread, description, verdict, recommended, recommended_monthly_usd, alternative_monthly_usd, at
          FROM latest WHERE recommended_monthly_usd IS NOT NULL
          ORDER BY recommended_monthly_usd DESC, at DESC LIMIT ${options.topLimit ?? 5}`,
        q<{ n: number }[]>`${flips(q, params)} SELECT COUNT(*)::int AS n FROM flips`,
        q<FlipRow[]>`
          ${flips(q, params)}
          SELECT conversation_id, platform, channel, thread, description, verdict, at, previous
          FROM flips ORDER BY at DESC, seq DESC LIMIT ${options.flipLimit ?? 5}`,
        reviewActivity.counts(params),
        reviewActivity.items(params, options.reviewLimit ?? 5),
      ]);
      return weekFiguresFrom({ verdicts, platforms, top, flipCount: flipCount[0]?.n ?? 0, flips: flipList, reviews: { ...counts, items } });
    },

    async weekTotals(workspace, window) {
      const params = { workspace, since: window.since, until: window.until };
      const [assessments, workloads] = await Promise.all([assessmentCount(params), workloadTotals(params)]);
      return weekTotalsFrom(assessments, workloads);
    },

    async subscribe(subscription: DigestSubscription) {
      const r = subscriptionToRow(subscription);
      // One statement: the channel's existing id is kept, and the row as stored comes back.
      const [stored] = await db()<SubscriptionRow[]>`
        INSERT INTO digest_subscriptions (id, platform, workspace, channel, weekday, time, timezone, quiet, created_by, created_at)
        VALUES (${r.id}, ${r.platform}, ${r.workspace}, ${r.channel}, ${r.weekday}, ${r.time}, ${r.timezone}, ${r.quiet}, ${r.created_by}, ${r.created_at})
        ON CONFLICT (platform, workspace, channel) DO UPDATE SET
          weekday = excluded.weekday, time = excluded.time, timezone = excluded.timezone, quiet = excluded.quiet,
          created_by = excluded.created_by, created_at = excluded.created_at
        RETURNING id, platform, workspace, channel, weekday, time, timezone, quiet, created_by, created_at`;
      if (!stored) throw new Error('digest subscription vanished right after it was saved');
      return subscriptionFromRow(stored);
    },

    async unsubscribe(platform, workspace, channel) {
      const result = await db()`DELETE FROM digest_subscriptions WHERE platform = ${platform} AND workspace = ${workspace} AND channel = ${channel}`;
      return result.count === 1;
    },

    async subscription(platform, workspace, channel) {
      const [row] = await db()<SubscriptionRow[]>`
        SELECT id, platform, workspace, channel, weekday, time, timezone, quiet, created_by, created_at FROM digest_subscriptions
        WHERE platform = ${platform} AND workspace = ${workspace} AND channel = ${channel}`;
      return row ? subscriptionFromRow(row) : null;
    },

    async allSubscriptions() {
      const rows = await db()<SubscriptionRow[]>`
        SELECT id, platform, workspace, channel, weekday, time, timezone, quiet, created_by, created_at FROM digest_subscriptions
        ORDER BY created_at, id COLLATE "C"`;
      return rows.map(subscriptionFromRow);
    },

    async claimRun(run) {
      const result = await db()`
        INSERT INTO digest_runs (subscription_id, week, scheduled_at, claimed_at, claimed_by, status, late, finished_at, detail)
        VALUES (${run.subscriptionId}, ${run.week}, ${run.scheduledAt}, ${run.claimedAt}, ${run.claimedBy}, 'claimed', ${run.late}, NULL, NULL)
        ON CONFLICT DO NOTHING`;
      return result.count === 1;
    },

    async finishRun(subscriptionId, week, outcome) {
      await db()`
        UPDATE digest_runs SET status = ${outcome.status}, finished_at = ${outcome.at}, detail = ${outcome.detail ?? null}
        WHERE subscription_id = ${subscriptionId} AND week = ${week}`;
    },

    async lastRun(subscriptionId) {
      const [row] = await db()<RunRow[]>`
        SELECT subscription_id, week, scheduled_at, claimed_at, claimed_by, status, late::int AS late, finished_at, detail FROM digest_runs
        WHERE subscription_id = ${subscriptionId} ORDER BY scheduled_at DESC LIMIT 1`;
      return row ? runFromRow(row) : null;
    },
  };
}
