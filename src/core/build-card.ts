import { ACTION_IDS } from './action-ids.js';
import type { Assessment, Verdict } from './assessment.js';
import type { Card, CardAction, CardCostRow, CardField } from './card.js';
import type { AssessmentSnapshot } from './conversation.js';
import type { CostLine, CostReport, PlatformCost, PlatformId } from './cost/cost-types.js';
import { isCatalogStale } from './cost/estimate-costs.js';
import { STALE_PRICES_NOTE } from './cost/catalog-staleness.js';
import { workloadFields } from './describe-workload.js';
import { formatCountScaled, formatUsdRounded } from './format.js';
import { cheapestOf } from './rules/cost-lookup.js';
import { whatChanged } from './what-changed.js';

const HEADLINES: Record<Verdict, (platform: string) => string> = {
  fit: (p) => `Fit: run it on ${p}`,
  marginal: (p) => `Marginal: ${p} is the better bet, with caveats`,
  avoid: (p) => `Avoid serverless: use ${p}`,
};

export const RESULT_ACTIONS: CardAction[] = [
  { id: ACTION_IDS.whatIf, label: 'Traffic x10', value: 'traffic:10' },
  { id: ACTION_IDS.whatIf, label: 'Traffic ÷10', value: 'traffic:0.1' },
  { id: ACTION_IDS.whatIf, label: 'Twice as long', value: 'duration:2' },
  { id: ACTION_IDS.showMath, label: 'Show the math' },
  { id: ACTION_IDS.share, label: 'Share to channel', style: 'primary' },
  { id: ACTION_IDS.startOver, label: 'Start over' },
];

export function buildCard(assessment: Assessment, previous: AssessmentSnapshot | null, today: Date): Card {
  const { cost } = assessment;
  const stale = isCatalogStale(cost.catalogAsOf, today);
  return {
    title: truncate(assessment.workload.description, 150),
    verdict: assessment.verdict,
    headline: HEADLINES[assessment.verdict](assessment.platform),
    fields: [...workloadFields(assessment.workload), ...figureFields(assessment)],
    costs: costRows(assessment),
    breakEven: cost.breakEven?.sentence ?? null,
    reasons: assessment.reasons.map((r) => ({ rule: r.rule, polarity: r.polarity, text: r.text })),
    changeIf: cost.sensitivity ? [...assessment.changeIf, cost.sensitivity.sentence] : assessment.changeIf,
    assumptions: assessment.assumptions.map((a) => a.text),
    math: cost.costs
      .filter((c) => c.available)
      .map((c) => ({ platform: c.platform, label: c.label, lines: [...c.lines, ...c.freeTier].map(formatLine) })),
    pricing: `Prices as of ${cost.catalogAsOf} (catalog ${cost.catalogVersion}; ${regionWords(cost.region)}on-demand list prices, month = 730 h)${stale ? `: ${STALE_PRICES_NOTE}` : ''}`,
    pricingStale: stale,
    changes: previous ? whatChanged(previous, snapshotOf(assessment)) : [],
    actions: RESULT_ACTIONS,
    // The chart draws the recommended line on top; a recommendation without a line of its own marks none.
    chart: cost.chart ? { ...cost.chart, recommended: cost.chart.series.find((s) => s.platform === assessment.platformId)?.platform ?? null } : null,
  };
}

/** "region eu-central-1 (workspace default), priced at us-east-1; " for the pricing line; nothing for a catalog's home region unasked. */
function regionWords(region: CostReport['region']): string {
  if (!region) return '';
  const whence = region.from === 'workspace' ? ' (workspace default)' : '';
  return `region ${region.region}${whence}${region.fallback ? `, priced at ${region.priced}` : ''}; `;
}

/** The surge, the held connections, the per-run jobs and a commitment asked for, each as one line beside the workload's figures. */
function figureFields(assessment: Assessment): CardField[] {
  const { spike, connections, jobs, commitment } = assessment.cost;
  const fields: CardField[] = [];
  if (spike) fields.push({ label: 'Surge', value: spike.sentence });
  if (connections) fields.push({ label: 'Connections', value: connections.sentence });
  if (jobs) fields.push({ label: 'Jobs', value: jobs.sentence });
  // On the card itself, not only behind "Show the math": a missing rate must be seen where the prices are.
  if (commitment) fields.push({ label: 'Commitment', value: commitment.sentence });
  return fields;
}

function costRows(assessment: Assessment): CardCostRow[] {
  const { costs } = assessment.cost;
  const cheapest = cheapestOf(costs);
  // The headline's platform and this mark come from the same decision (assessment.platformId).
  const recommended: PlatformId | null = assessment.platformId;
  return costs.map((c) => ({
    platform: c.platform,
    label: c.label,
    monthly: c.available && c.monthlyUsd !== null ? formatUsdRounded(c.monthlyUsd) : 'n/a',
    band: bandOf(c),
    cheapest: c === cheapest,
    recommended: c.platform === recommended,
    note: c.available ? (c.sizing ?? '') : (c.unavailableReason ?? 'cannot run this workload'),
  }));
}

function bandOf(c: PlatformCost): string {
  if (!c.range) return '';
  const { low, high } = c.range;
  if (Math.abs(high - low) < 0.005 * Math.max(1, high)) return '';
  return `${formatUsdRounded(low)}-${formatUsdRounded(high)}`;
}

/**
 * What "Show the math" answers with: each platform's sizing and itemised arithmetic, then every
 * assumption. The card itself stays short; this is the rest of it, on every platform alike.
 */
export function mathText(card: Card): string {
  const platforms = card.math.map((m) => {
    const sizing = card.costs.find((c) => c.platform === m.platform)?.note;
    return [m.label, ...(sizing ? [`  Sizing: ${sizing}`] : []), ...m.lines.map((l) => `  ${l}`)].join('\n');
  });
  const assumptions = card.assumptions.length > 0 ? [['Assumptions', ...card.assumptions.map((a) => `  - ${a}`)].join('\n')] : [];
  return [...platforms, ...assumptions].join('\n\n');
}

export function formatLine(line: CostLine): string {
  // "91,250 requests x $0.20 per 1M" reads better than "0.0913 1M requests x $0.20".
  const perMillion = /^1M (.+)$/.exec(line.unit);
  if (perMillion) {
    return `${line.label}: ${formatCountScaled(line.quantity * 1e6)} ${perMillion[1]} x ${formatUnitPrice(line.unitPriceUsd)} per 1M = ${formatUsdRounded(line.amountUsd)}`;
  }
  return `${line.label}: ${formatCountScaled(line.quantity)} ${line.unit} x ${formatUnitPrice(line.unitPriceUsd)} = ${formatUsdRounded(line.amountUsd)}`;
}

/** Unit prices keep their significant digits ($0.0000166667), unlike totals. */
function formatUnitPrice(usd: number): string {
  if (usd === 0) return '$0';
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  return abs >= 0.01 ? `${sign}$${abs.toFixed(abs >= 1 ? 2 : 4).replace(/(\.\d\d\d*?)0+$/, '$1')}` : `${sign}$${abs.toPrecision(6).replace(/0+$/, '')}`;
}

export function snapshotOf(assessment: Assessment): AssessmentSnapshot {
  const monthlyUsd: AssessmentSnapshot['monthlyUsd'] = {};
  for (const c of assessment.cost.costs) if (c.available && c.monthlyUsd !== null) monthlyUsd[c.platform] = c.monthlyUsd;
  const hourly = assessment.workload.traffic.hourly;
  return {
    verdict: assessment.verdict,
    platform: assessment.platform,
    score: assessment.score,
    monthlyUsd,
    averageRps: hourly.reduce((a, b) => a + b, 0) / 86_400,
    durationMs: assessment.workload.duration.typicalMs,
    memoryMb: assessment.workload.memoryMb,
  };
}

function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
