import { isCatalogStale } from '../cost/estimate-costs.js';
import type { PlatformName } from '../conversation.js';
import type { PastDecisionsRepriced } from '../reprice/past-decisions.js';
import type { Digest, DigestWindow, WeekFigures, WeekTotals } from './digest-types.js';
import { windowLabel } from './iso-week.js';
import { noThreadLinks, type ThreadLink } from './thread-link.js';

// Figures from the store + the window + the catalog -> the digest value every
// renderer draws. Pure: `today` decides whether the catalog counts as stale.

export interface BuildDigestInput {
  workspace: string;
  platform: PlatformName;
  window: DigestWindow;
  figures: WeekFigures;
  previous: WeekTotals;
  catalog: { version: string; asOf: string };
  today: Date;
  late?: { scheduledAt: string } | null;
  /** Links to the threads the digest mentions; none by default. */
  threadLink?: ThreadLink;
  /** Past decisions that would change at today's prices; none by default. */
  repriced?: PastDecisionsRepriced | null;
}

export function buildDigest(input: BuildDigestInput): Digest {
  const { figures, previous } = input;
  const links = input.threadLink ?? noThreadLinks;
  const linkOf = (item: { platform: string; channel: string; thread: string }) => links({ platform: item.platform, workspace: input.workspace, channel: item.channel, thread: item.thread });
  return {
    workspace: input.workspace,
    platform: input.platform,
    window: input.window,
    label: windowLabel(input.window),
    quiet: figures.assessments === 0 && figures.reviews.active === 0,
    figures,
    top: figures.top.map((item) => ({ item, link: linkOf(item) })),
    flips: figures.flips.map((item) => ({ item, link: linkOf(item) })),
    previous,
    change: {
      assessments: figures.assessments - previous.assessments,
      recommendedMonthlyUsd: round2(figures.recommendedMonthlyUsd - previous.recommendedMonthlyUsd),
    },
    catalog: { ...input.catalog, stale: isCatalogStale(input.catalog.asOf, input.today) },
    reviews: figures.reviews.items.map((item) => ({ item, link: linkOf(item) })),
    late: input.late ?? null,
    repriced: input.repriced?.count ? { count: input.repriced.count, decisions: input.repriced.decisions.map((item) => ({ item, link: linkOf(item.decision) })) } : null,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
