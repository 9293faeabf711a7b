import type { Verdict } from '../assessment.js';
import type { PlatformName } from '../conversation.js';
import type { RepricedDecision } from '../reprice/reprice-history.js';
import type { ChangeKind } from '../review/review-types.js';

// The weekly digest's values: what a subscription asks for, what the store
// aggregates for one window, and the digest built from them.

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What a quiet week (no assessments) gets: a one-line digest, or nothing at all. */
export type QuietWeek = 'one-line' | 'skip';

export interface DigestSchedule {
  weekday: Weekday;
  /** "HH:MM", 24-hour, in `timezone`. */
  time: string;
  /** An IANA zone Intl knows, e.g. "Europe/Berlin" or "UTC". */
  timezone: string;
}

export interface DigestSubscription extends DigestSchedule {
  id: string;
  platform: PlatformName;
  workspace: string;
  channel: string;
  quiet: QuietWeek;
  createdBy: string;
  createdAt: string;
}

/** A half-open window of time, ISO 8601 UTC: since <= at < until. */
export interface DigestWindow {
  since: string;
  until: string;
}

/** One workload (a conversation) as its latest assessment in the window describes it. */
export interface DigestWorkload {
  conversationId: string;
  platform: PlatformName;
  channel: string;
  thread: string;
  description: string;
  verdict: Verdict;
  recommended: string;
  monthlyUsd: number | null;
  alternativeMonthlyUsd: number | null;
  at: string;
}

/** A re-assessment whose verdict differs from the assessment just before it in the same conversation. */
export interface DigestFlip {
  conversationId: string;
  platform: PlatformName;
  channel: string;
  thread: string;
  description: string;
  from: Verdict;
  to: Verdict;
  at: string;
}

/** What the store aggregates for one workspace and window (a few SQL aggregates, never a scan in JS). */
export interface WeekFigures {
  /** Every finished assessment, re-assessments included. */
  assessments: number;
  byVerdict: Record<Verdict, number>;
  /** Distinct conversations assessed; costs below count each one once, at its latest assessment. */
  workloads: number;
  recommendedMonthlyUsd: number;
  /** Over workloads whose recommendation and alternative both have a price. */
  alternativeMonthlyUsd: number;
  savingMonthlyUsd: number;
  /** Cost of the recommendations grouped by recommended platform, most expensive first. */
  byPlatform: { platform: string; workloads: number; monthlyUsd: number }[];
  /** The most expensive workloads, most expensive first. */
  top: DigestWorkload[];
  flipCount: number;
  /** The newest flips (at most the limit asked for), newest first. */
  flips: DigestFlip[];
  reviews: WeekReviews;
}

/** A design review that changed in the window, as it stands now. */
export interface DigestReview {
  reviewId: string;
  platform: PlatformName;
  channel: string;
  thread: string;
  name: string;
  status: 'open' | 'closed';
  /** Components listed, data stores included. */
  components: number;
  /** Workload components with a finished assessment: the ones the plan's cost counts. */
  assessed: number;
  /** The recommended hybrid plan's monthly cost over the assessed components (the review card's figure). */
  planMonthlyUsd: number;
  /** Entries added to its trail in the window. */
  changes: number;
  /** Those entries by kind (opened, added, answered ...), in the trail's own order of kinds; kinds with none are left out. */
  changeKinds: Partial<Record<ChangeKind, number>>;
}

/** Design-review activity in the window. */
export interface WeekReviews {
  /** Reviews with at least one change in the window. */
  active: number;
  /** Of those, opened in the window. */
  opened: number;
  /** Of those, closed in the window and still closed. */
  closed: number;
  /** Trail entries in the window, over all reviews. */
  changes: number;
  /** The most recently changed (at most the limit asked for), newest first. */
  items: DigestReview[];
}

export interface DigestFigureOptions {
  topLimit?: number;
  flipLimit?: number;
  reviewLimit?: number;
}

export interface WeekTotals {
  assessments: number;
  workloads: number;
  recommendedMonthlyUsd: number;
}

export interface DigestLinked<T> {
  item: T;
  /** Link to the conversation's thread, when the platform has one. */
  link: string | null;
}

export interface Digest {
  workspace: string;
  platform: PlatformName;
  window: DigestWindow;
  /** Human label of the window, e.g. "19 Nov - 25 Nov 2026". */
  label: string;
  /** True when no assessment was finished in the window. */
  quiet: boolean;
  figures: WeekFigures;
  top: DigestLinked<DigestWorkload>[];
  flips: DigestLinked<DigestFlip>[];
  /** The week before, for the change; its figures are cheap totals only. */
  previous: WeekTotals;
  change: { assessments: number; recommendedMonthlyUsd: number };
  catalog: { version: string; asOf: string; stale: boolean };
  /** The reviews that changed in the window, each with a link to its thread. */
  reviews: DigestLinked<DigestReview>[];
  /** Set when the scheduled time passed while the bot was down and this is sent later. */
  late: { scheduledAt: string } | null;
  /**
   * Past decisions of the workspace, made with an older catalog than the one
   * in use, that would change at today's prices: how many, and the newest with
   * links. Null when none would (or re-pricing is not wired in).
   */
  repriced: { count: number; decisions: DigestLinked<RepricedDecision>[] } | null;
}
