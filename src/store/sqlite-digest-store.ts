import type BetterSqlite3 from 'better-sqlite3';
import type { DigestFigureOptions, DigestSubscription, DigestWindow, WeekFigures, WeekTotals } from '../core/digest/digest-types.js';
import type { DigestRun, DigestStore } from '../core/ports.js';
import {
  runFromRow,
  subscriptionFromRow,
  subscriptionToRow,
  weekFiguresFrom,
  weekTotalsFrom,
  type PlatformRow,
  type RunRow,
  type SubscriptionRow,
  type VerdictRow,
  type WorkloadRow,
  type FlipRow,
} from './digest-rows.js';
import { gated, gateOf } from './sqlite-gate.js';
import { createReviewActivity } from './sqlite-review-activity.js';

// Digest figures as a handful of aggregate queries over the week's index
// range (assessments_by_workspace covers the counts), so a digest costs the
// same on a database of a thousand or a million assessments. A workload is a
// conversation, counted once at its latest assessment in the window; the
// rowid breaks ties in `at` because it follows insertion order.

const LATEST_IN_WINDOW = `
  WITH latest AS (
    SELECT * FROM (
      SELECT conversation_id, platform, channel, thread, description, verdict, recommended,
             recommended_monthly_usd, alternative_monthly_usd, at,
             ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY at DESC, rowid DESC) AS rn
      FROM assessments
      WHERE workspace = @workspace AND at >= @since AND at < @until
    ) WHERE rn = 1
  )`;

type WindowParams = { workspace: string; since: string; until: string };

export function createSqliteDigestStore(db: BetterSqlite3.Database): DigestStore {
  const reviewActivity = createReviewActivity(db);
  const countByVerdict = db.prepare<[WindowParams], VerdictRow>(`
    SELECT verdict, COUNT(*) AS n FROM assessments
    WHERE workspace = @workspace AND at >= @since AND at < @until
    GROUP BY verdict`);
  const byPlatform = db.prepare<[WindowParams], PlatformRow>(`
    ${LATEST_IN_WINDOW}
    SELECT recommended, COUNT(*) AS workloads,
           COALESCE(SUM(recommended_monthly_usd), 0) AS usd,
           COALESCE(SUM(CASE WHEN recommended_monthly_usd IS NOT NULL THEN alternative_monthly_usd END), 0) AS alt,
           COALESCE(SUM(alternative_monthly_usd - recommended_monthly_usd), 0) AS saving
    FROM latest GROUP BY recommended`);
  const top = db.prepare<[WindowParams & { limit: number }], WorkloadRow>(`
    ${LATEST_IN_WINDOW}
    SELECT * FROM latest WHERE recommended_monthly_usd IS NOT NULL
    ORDER BY recommended_monthly_usd DESC, at DESC LIMIT @limit`);
  // A flip: a re-assessment whose verdict differs from the one just before it in its conversation.
  const flipsQuery = `
    WITH flips AS (
      SELECT * FROM (
        SELECT a.conversation_id, a.platform, a.channel, a.thread, a.description, a.verdict, a.at, a.rowid AS seq,
               (SELECT p.verdict FROM assessments p
                 WHERE p.conversation_id = a.conversation_id AND (p.at < a.at OR (p.at = a.at AND p.rowid < a.rowid))
                 ORDER BY p.at DESC, p.rowid DESC LIMIT 1) AS previous
        FROM assessments a
        WHERE a.workspace = @workspace AND a.at >= @since AND a.at < @until AND a.reassessment = 1
      ) WHERE previous IS NOT NULL AND previous <> verdict
    )`;
  const flipCount = db.prepare<[WindowParams], { n: number }>(`${flipsQuery} SELECT COUNT(*) AS n FROM flips`);
  const flipList = db.prepare<[WindowParams & { limit: number }], FlipRow>(
    `${flipsQuery} SELECT * FROM flips ORDER BY at DESC, seq DESC LIMIT @limit`,
  );
  const totals = db.prepare<[WindowParams], { assessments: number }>(`
    SELECT COUNT(*) AS assessments FROM assessments WHERE workspace = @workspace AND at >= @since AND at < @until`);
  const workloadTotals = db.prepare<[WindowParams], { workloads: number; usd: number }>(`
    ${LATEST_IN_WINDOW}
    SELECT COUNT(*) AS workloads, COALESCE(SUM(recommended_monthly_usd), 0) AS usd FROM latest`);

  const upsert = db.prepare<[SubscriptionRow]>(`
    INSERT INTO digest_subscriptions (id, platform, workspace, channel, weekday, time, timezone, quiet, created_by, created_at)
    VALUES (@id, @platform, @workspace, @channel, @weekday, @time, @timezone, @quiet, @created_by, @created_at)
    ON CONFLICT (platform, workspace, channel) DO UPDATE SET
      weekday = excluded.weekday, time = excluded.time, timezone = excluded.timezone, quiet = excluded.quiet,
      created_by = excluded.created_by, created_at = excluded.created_at`);
  const selectOne = db.prepare<[string, string, string], SubscriptionRow>(
    'SELECT * FROM digest_subscriptions WHERE platform = ? AND workspace = ? AND channel = ?',
  );
  const selectAll = db.prepare<[], SubscriptionRow>('SELECT * FROM digest_subscriptions ORDER BY created_at, id');
  const remove = db.prepare<[string, string, string]>('DELETE FROM digest_subscriptions WHERE platform = ? AND workspace = ? AND channel = ?');
  const claim = db.prepare<[RunRow]>(`
    INSERT OR IGNORE INTO digest_runs (subscription_id, week, scheduled_at, claimed_at, claimed_by, status, late, finished_at, detail)
    VALUES (@subscription_id, @week, @scheduled_at, @claimed_at, @claimed_by, @status, @late, @finished_at, @detail)`);
  const finish = db.prepare<[{ subscription_id: string; week: string; status: string; finished_at: string; detail: string | null }]>(`
    UPDATE digest_runs SET status = @status, finished_at = @finished_at, detail = @detail
    WHERE subscription_id = @subscription_id AND week = @week`);
  const last = db.prepare<[string], RunRow>('SELECT * FROM digest_runs WHERE subscription_id = ? ORDER BY scheduled_at DESC LIMIT 1');

  const weekTotals = (workspace: string, window: { since: string; until: string }): WeekTotals => {
    const params = { workspace, ...window };
    return weekTotalsFrom(totals.get(params)?.assessments ?? 0, workloadTotals.get(params));
  };

  return gated(gateOf(db), {
    weekFigures(workspace: string, window: DigestWindow, options: DigestFigureOptions = {}): WeekFigures {
      const params = { workspace, since: window.since, until: window.until };
      return weekFiguresFrom({
        verdicts: countByVerdict.all(params),
        platforms: byPlatform.all(params),
        top: top.all({ ...params, limit: options.topLimit ?? 5 }),
        flipCount: flipCount.get(params)?.n ?? 0,
        flips: flipList.all({ ...params, limit: options.flipLimit ?? 5 }),
        reviews: { ...reviewActivity.counts(params), items: reviewActivity.items(params, options.reviewLimit ?? 5) },
      });
    },
    weekTotals,
    subscribe(subscription: DigestSubscription): DigestSubscription {
      upsert.run(subscriptionToRow(subscription));
      const stored = selectOne.get(subscription.platform, subscription.workspace, subscription.channel);
      if (!stored) throw new Error('digest subscription vanished right after it was saved');
      return subscriptionFromRow(stored);
    },
    unsubscribe(platform: string, workspace: string, channel: string): boolean {
      return remove.run(platform, workspace, channel).changes === 1;
    },
    subscription(platform: string, workspace: string, channel: string): DigestSubscription | null {
      const row = selectOne.get(platform, workspace, channel);
      return row ? subscriptionFromRow(row) : null;
    },
    allSubscriptions(): DigestSubscription[] {
      return selectAll.all().map(subscriptionFromRow);
    },
    claimRun(run: Parameters<DigestStore['claimRun']>[0]): boolean {
      return (
        claim.run({
          subscription_id: run.subscriptionId,
          week: run.week,
          scheduled_at: run.scheduledAt,
          claimed_at: run.claimedAt,
          claimed_by: run.claimedBy,
          status: 'claimed',
          late: run.late ? 1 : 0,
          finished_at: null,
          detail: null,
        }).changes === 1
      );
    },
    finishRun(subscriptionId: string, week: string, outcome: Parameters<DigestStore['finishRun']>[2]): void {
      finish.run({ subscription_id: subscriptionId, week, status: outcome.status, finished_at: outcome.at, detail: outcome.detail ?? null });
    },
    lastRun(subscriptionId: string): DigestRun | null {
      const row = last.get(subscriptionId);
      return row ? runFromRow(row) : null;
    },
  });
}

