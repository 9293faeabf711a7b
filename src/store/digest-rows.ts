import type { Verdict } from '../core/assessment.js';
import type { PlatformName } from '../core/conversation.js';
import type { DigestFlip, DigestReview, DigestSubscription, DigestWorkload, QuietWeek, WeekFigures, WeekReviews, WeekTotals, Weekday } from '../core/digest/digest-types.js';
import type { DigestRun, DigestRunStatus } from '../core/ports.js';
import { CHANGE_KINDS } from '../core/review/review-types.js';

// How the digest's rows become its values, for both stores: the aggregates
// come back from SQL as rows of these shapes, and the figures are put
// together (and rounded to cents) here, once.

export interface VerdictRow {
  verdict: string;
  n: number;
}

export interface PlatformRow {
  recommended: string;
  workloads: number;
  usd: number;
  alt: number;
  saving: number;
}

/** A flip as read: where it happened, and the verdicts before and after. */
export type FlipRow = Pick<WorkloadRow, 'conversation_id' | 'platform' | 'channel' | 'thread' | 'description' | 'verdict' | 'at'> & { previous: string };

export interface WorkloadRow {
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

export interface SubscriptionRow {
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

export interface RunRow {
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

export interface ReviewActivityRow {
  id: string;
  platform: string;
  channel: string;
  thread: string;
  name: string;
  status: string;
  changes: number;
  components: number;
  assessed: number;
  plan_usd: number;
  kinds: string;
}

/** The week's figures from its aggregate rows. */
export function weekFiguresFrom(parts: {
  verdicts: readonly VerdictRow[];
  platforms: readonly PlatformRow[];
  top: readonly WorkloadRow[];
  flipCount: number;
  flips: readonly FlipRow[];
  reviews: WeekReviews;
}): WeekFigures {
  const byVerdict: Record<Verdict, number> = { fit: 0, marginal: 0, avoid: 0 };
  let assessments = 0;
  for (const row of parts.verdicts) {
    if (row.verdict in byVerdict) byVerdict[row.verdict as Verdict] += row.n;
    assessments += row.n;
  }
  const platforms = parts.platforms;
  return {
    assessments,
    byVerdict,
    workloads: sum(platforms.map((p) => p.workloads)),
    recommendedMonthlyUsd: round2(sum(platforms.map((p) => p.usd))),
    alternativeMonthlyUsd: round2(sum(platforms.map((p) => p.alt))),
    savingMonthlyUsd: round2(sum(platforms.map((p) => p.saving))),
    byPlatform: platforms
      .map((p) => ({ platform: p.recommended, workloads: p.workloads, monthlyUsd: round2(p.usd) }))
      .sort((a, b) => b.monthlyUsd - a.monthlyUsd || b.workloads - a.workloads || a.platform.localeCompare(b.platform)),
    top: parts.top.map(workloadFromRow),
    flipCount: parts.flipCount,
    flips: parts.flips.map(flipFromRow),
    reviews: parts.reviews,
  };
}

export function weekTotalsFrom(assessments: number, workloads: { workloads: number; usd: number } | undefined): WeekTotals {
  return { assessments, workloads: workloads?.workloads ?? 0, recommendedMonthlyUsd: round2(workloads?.usd ?? 0) };
}

export function workloadFromRow(row: WorkloadRow): DigestWorkload {
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

export function flipFromRow(row: FlipRow): DigestFlip {
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

export function subscriptionToRow(s: DigestSubscription): SubscriptionRow {
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

export function subscriptionFromRow(row: SubscriptionRow): DigestSubscription {
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

export function runFromRow(row: RunRow): DigestRun {
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
export function reviewActivityFromRow(row: ReviewActivityRow): DigestReview {
  return {
    reviewId: row.id,
    platform: row.platform as PlatformName,
    channel: row.channel,
    thread: row.thread,
    name: row.name,
    status: row.status === 'closed' ? 'closed' : 'open',
    components: row.components,
    assessed: row.assessed,
    planMonthlyUsd: Math.round(row.plan_usd * 100) / 100,
    changes: row.changes,
    changeKinds: changeKindsFrom(row.kinds),
  };
}

function changeKindsFrom(json: string): DigestReview['changeKinds'] {
  const counts = JSON.parse(json) as Record<string, number>;
  return Object.fromEntries(CHANGE_KINDS.filter((kind) => counts[kind]).map((kind) => [kind, counts[kind]]));
}
