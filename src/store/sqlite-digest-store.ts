import type BetterSqlite3 from 'better-sqlite3';
import type { Verdict } from '../core/assessment.js';
import type { PlatformName } from '../core/conversation.js';
import type {
  DigestFigureOptions,
  DigestWindow,
  DigestFlip,
  DigestSubscription,
  DigestWorkload,
  QuietWeek,
  WeekFigures,
  WeekTotals,
  Weekday,
} from '../core/digest/digest-types.js';
import type { DigestRun, DigestRunStatus, DigestStore } from '../core/ports.js';
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

interface WorkloadRow {
  conversation_id: string;
  platform: string;
  channel: string;
  thread: string;
  description: string;
  verdict: string;
  recommended: string;
  recommended_monthly_usd: number | null;
  alternative_monthly_usd: number | null;
  at: string;
}

interface SubscriptionRow {
  id: string;
  platform: string;
  workspace: string;
  channel: string;
  weekday: string;
  time: string;
  timezone: string;
  quiet: string;
  created_by: string;
  created_at: string;
}

interface RunRow {
  subscription_id: string;
  week: string;
  scheduled_at: string;
  claimed_at: string;
  claimed_by: string;
  status: string;
  late: number;
  finished_at: string | null;
  detail: string | null;
}

type WindowParams = { workspace: string; since: string; until: string };

export function createSqliteDigestStore(db: BetterSqlite3.Database): DigestStore {
  const reviewActivity = createReviewActivity(db);
  const countByVerdict = db.prepare<[WindowParams], { verdict: string; n: number }>(`
    SELECT verdict, COUNT(*) AS n FROM assessments
    WHERE workspace = @workspace AND at >= @since AND at < @until
    GROUP BY verdict`);
  const byPlatform = db.prepare<[WindowParams], { recommended: string; workloads: number; usd: number; alt: number; saving: number }>(`
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
  const flipList = db.prepare<[WindowParams & { limit: number }], WorkloadRow & { previous: string }>(
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
    const w = workloadTotals.get(params);
    return { assessments: totals.get(params)?.assessments ?? 0, workloads: w?.workloads ?? 0, recommendedMonthlyUsd: round2(w?.usd ?? 0) };
  };

  return gated(gateOf(db), {
    weekFigures(workspace: string, window: DigestWindow, options: DigestFigureOptions = {}): WeekFigures {
      const params = { workspace, since: window.since, until: window.until };
      const byVerdict: Record<Verdict, number> = { fit: 0, marginal: 0, avoid: 0 };
      let assessments = 0;
      for (const row of countByVerdict.all(params)) {
        if (row.verdict in byVerdict) byVerdict[row.verdict as Verdict] += row.n;
        assessments += row.n;
      }
      const platforms = byPlatform.all(params);
      const figures: WeekFigures = {
        assessments,
        byVerdict,
        workloads: sum(platforms.map((p) => p.workloads)),
        recommendedMonthlyUsd: round2(sum(platforms.map((p) => p.usd))),
        alternativeMonthlyUsd: round2(sum(platforms.map((p) => p.alt))),
        savingMonthlyUsd: round2(sum(platforms.map((p) => p.saving))),
        byPlatform: platforms
          .map((p) => ({ platform: p.recommended, workloads: p.workloads, monthlyUsd: round2(p.usd) }))
          .sort((a, b) => b.monthlyUsd - a.monthlyUsd || b.workloads - a.workloads || a.platform.localeCompare(b.platform)),
        top: top.all({ ...params, limit: options.topLimit ?? 5 }).map(workloadFromRow),
        flipCount: flipCount.get(params)?.n ?? 0,
        flips: flipList.all({ ...params, limit: options.flipLimit ?? 5 }).map(flipFromRow),
        reviews: { ...reviewActivity.counts(params), items: reviewActivity.items(params, options.reviewLimit ?? 5) },
      };
      return figures;
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

function workloadFromRow(row: WorkloadRow): DigestWorkload {
  return {
    conversationId: row.conversation_id,
    platform: row.platform as PlatformName,
    channel: row.channel,
    thread: row.thread,
    description: row.description,
    verdict: row.verdict as Verdict,
    recommended: row.recommended,
    monthlyUsd: row.recommended_monthly_usd,
    alternativeMonthlyUsd: row.alternative_monthly_usd,
    at: row.at,
  };
}

function flipFromRow(row: WorkloadRow & { previous: string }): DigestFlip {
  return {
    conversationId: row.conversation_id,
    platform: row.platform as PlatformName,
    channel: row.channel,
    thread: row.thread,
    description: row.description,
    from: row.previous as Verdict,
    to: row.verdict as Verdict,
    at: row.at,
  };
}

function subscriptionToRow(s: DigestSubscription): SubscriptionRow {
  return {
    id: s.id,
    platform: s.platform,
    workspace: s.workspace,
    channel: s.channel,
    weekday: s.weekday,
    time: s.time,
    timezone: s.timezone,
    quiet: s.quiet,
    created_by: s.createdBy,
    created_at: s.createdAt,
  };
}

function subscriptionFromRow(row: SubscriptionRow): DigestSubscription {
  return {
    id: row.id,
    platform: row.platform as PlatformName,
    workspace: row.workspace,
    channel: row.channel,
    weekday: row.weekday as Weekday,
    time: row.time,
    timezone: row.timezone,
    quiet: row.quiet as QuietWeek,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function runFromRow(row: RunRow): DigestRun {
  return {
    subscriptionId: row.subscription_id,
    week: row.week,
    scheduledAt: row.scheduled_at,
    claimedAt: row.claimed_at,
    claimedBy: row.claimed_by,
    status: row.status as DigestRunStatus,
    late: row.late === 1,
    finishedAt: row.finished_at,
    detail: row.detail,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
