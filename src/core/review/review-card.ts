import type { QuestionId } from '../conversation.js';
import { formatUsdRounded } from '../format.js';
import { REVIEW_ACTIONS } from './review-actions.js';
import {
  LAYER_TITLES,
  LAYERS,
  type Review,
  type ReviewCard,
  type ReviewCardComponent,
  type ReviewComponent,
  type ReviewTotals,
} from './review-types.js';

// The living summary card: every component in its layer of the hybrid plan,
// the totals as sums of the per-component figures shown beside each row, and
// the biggest risks across the system.

const MAX_RISKS = 5;

const WAITING_ON: Record<QuestionId, string> = {
  description: 'what it does?',
  traffic: 'traffic?',
  duration: 'duration?',
  constraints: 'constraints?',
};

export interface TrailSummary {
  changes: number;
  lastActor: string;
  lastAt: string;
}

export function buildReviewCard(review: Review, trail: TrailSummary): ReviewCard {
  const rows = review.components.map((c) => ({ component: c, row: cardRow(c) }));
  const totals = totalsOf(review.components);
  const interviewing = rows.filter(({ component }) => component.kind === 'workload' && !component.last).map(({ row }) => row);
  const layers = LAYERS.map((layer) => ({
    layer,
    title: LAYER_TITLES[layer],
    components: rows.filter(({ component }) => layerOfComponent(component) === layer).map(({ row }) => row),
  })).filter((l) => l.components.length > 0);
  const n = review.components.length;
  const headline =
    n === 0
      ? 'No components yet: add one with "add <name>: <what it does>", or paste a list, one per line.'
      : `${n} component${n === 1 ? '' : 's'}, ${totals.assessed} assessed${interviewing.length ? `, ${interviewing.length} in interview` : ''}; recommended plan ${formatUsdRounded(totals.recommendedUsd)}/month`;
  return {
    reviewId: review.id,
    title: `${review.status === 'closed' ? 'Final design review' : 'Design review'}: ${review.name}`,
    status: review.status,
    headline,
    layers,
    interviewing,
    totals,
    totalLines: totalLines(totals, interviewing.length, review.components.some((c) => c.kind === 'data')),
    risks: risksOf(review.components),
    footer: `Review ${review.id} · ${review.status} · updated ${trail.lastAt.slice(0, 16).replace('T', ' ')} UTC by ${trail.lastActor} · ${trail.changes} change${trail.changes === 1 ? '' : 's'} ("history" shows them)`,
    actions:
      review.status === 'open'
        ? [
            { id: REVIEW_ACTIONS.add, label: 'Add component', style: 'primary' },
            { id: REVIEW_ACTIONS.summary, label: 'Repost summary' },
            { id: REVIEW_ACTIONS.close, label: 'Close review', style: 'danger' },
          ]
        : [{ id: REVIEW_ACTIONS.reopen, label: 'Reopen review' }],
  };
}

/** Data stores sit in the data layer; a workload in the layer its assessment put it, once assessed. */
function layerOfComponent(c: ReviewComponent) {
  if (c.kind === 'data') return 'data';
  return c.last?.layer ?? null;
}

function cardRow(c: ReviewComponent): ReviewCardComponent {
  if (c.kind === 'data') {
    return { id: c.id, name: c.name, verdict: null, platform: 'managed data store (not costed)', monthly: '', figures: { recommended: null, serverless: null, containers: null } };
  }
  const last = c.last;
  if (!last) {
    return { id: c.id, name: c.name, verdict: null, platform: `interviewing: ${c.pending ? WAITING_ON[c.pending] : 'pending'}`, monthly: '', figures: { recommended: null, serverless: null, containers: null } };
  }
  const recommended = recommendedFigure(c);
  return {
    id: c.id,
    name: c.name,
    verdict: last.verdict,
    platform: last.pricedIn ? `${last.platform} (${last.pricedIn})` : last.platform,
    monthly: recommended === null ? 'n/a' : formatUsdRounded(recommended),
    figures: { recommended, serverless: last.serverlessUsd, containers: last.containersUsd },
  };
}

/** The recommended row's cost; the cheapest servers option when the recommended platform has no row (AWS Batch). */
function recommendedFigure(c: ReviewComponent): number | null {
  return c.last ? (c.last.recommendedUsd ?? c.last.containersUsd) : null;
}

export function totalsOf(components: readonly ReviewComponent[]): ReviewTotals {
  const totals: ReviewTotals = { recommendedUsd: 0, serverlessUsd: 0, containersUsd: 0, serverlessExcludes: [], containersExcludes: [], assessed: 0 };
  for (const c of components) {
    if (c.kind !== 'workload' || !c.last) continue;
    totals.assessed += 1;
    totals.recommendedUsd += recommendedFigure(c) ?? 0;
    if (c.last.serverlessUsd === null) totals.serverlessExcludes.push(c.name);
    else totals.serverlessUsd += c.last.serverlessUsd;
    if (c.last.containersUsd === null) totals.containersExcludes.push(c.name);
    else totals.containersUsd += c.last.containersUsd;
  }
  return totals;
}

function totalLines(t: ReviewTotals, interviewing: number, hasData: boolean): string[] {
  const without = (names: string[], why: string) => (names.length ? ` (without ${names.join(', ')}: ${why})` : '');
  const lines = [
    `Recommended hybrid plan: ${formatUsdRounded(t.recommendedUsd)}/month`,
    `All serverless: ${formatUsdRounded(t.serverlessUsd)}/month${without(t.serverlessExcludes, 'no functions platform can run them')}`,
    `All containers: ${formatUsdRounded(t.containersUsd)}/month${without(t.containersExcludes, 'no server option priced')}`,
  ];
  if (t.assessed > 0) {
    const best = t.serverlessExcludes.length || t.serverlessUsd >= t.containersUsd ? 'containers' : 'serverless';
    const delta = Math.min(t.serverlessExcludes.length ? Infinity : t.serverlessUsd, t.containersUsd) - t.recommendedUsd;
    if (Number.isFinite(delta) && delta > 0.005) lines.push(`The hybrid plan saves ${formatUsdRounded(delta)}/month against all ${best}.`);
  }
  if (interviewing > 0) lines.push(`Not yet counted: ${interviewing} component${interviewing === 1 ? '' : 's'} still in interview.`);
  if (hasData) lines.push('Data stores are listed, not costed.');
  return lines;
}

function risksOf(components: readonly ReviewComponent[]): string[] {
  const all = components.flatMap((c) => (c.last ? c.last.risks.map((r) => ({ ...r, text: `${c.name}: ${r.text}` })) : []));
  return all
    .sort((a, b) => Number(b.blocker) - Number(a.blocker) || b.weight - a.weight)
    .slice(0, MAX_RISKS)
    .map((r) => r.text);
}
