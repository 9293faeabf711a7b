import type { CatalogCommitment, PricingCatalog } from '../pricing/catalog-schema.js';
import type { CommitmentAsk } from '../workload.js';
import type { CommitmentFigures, CostReport, PlatformCost } from './cost-types.js';
import { formatRps, formatUsdRounded } from '../format.js';
import { spotRates } from '../pricing/spot-rates.js';

// A commitment priced beside on-demand, only from rates the catalog publishes
// per service, term and payment option (never one blanket percentage). The
// committed figures are the same models priced on a copy of the catalog whose
// covered entries carry the committed rates, so every committed amount is
// still quantity x unit price. A commitment the catalog has no rate for is
// said plainly, and everything stays on-demand.

const PLAN_NAMES = {
  'compute-savings-plan': 'Compute Savings Plan',
  'ec2-instance-savings-plan': 'EC2 Instance Savings Plan',
  'reserved-instances': 'Reserved Instances',
  spot: 'Spot',
} as const;

const PLATFORM_NAMES: Record<string, string> = { 'aws-lambda': 'AWS Lambda', 'aws-fargate': 'ECS on Fargate', 'aws-ec2': 'Amazon EC2', 'aws-batch': 'AWS Batch' };

type Node = Record<string, unknown>;

/** "a 1-year Compute Savings Plan, no upfront (no upfront assumed)": what is priced, and what was assumed because it was not said. */
export function commitmentName(ask: Pick<CommitmentAsk, 'plan' | 'term' | 'payment' | 'kindAssumed' | 'convertible'>): string {
  const assumed = [ask.kindAssumed ? 'the Compute kind' : null, ask.term ? null : '1 year', ask.payment ? null : 'no upfront'].filter(Boolean);
  const years = (ask.term ?? '1yr') === '1yr' ? '1-year' : '3-year';
  const plural = ask.plan === 'reserved-instances';
  const said = assumed.length ? ` (${assumed.join(', ').replace(/, (?=[^,]*$)/, ' and ')} assumed)` : '';
  return `${plural ? '' : 'a '}${years} ${ask.convertible ? 'Convertible ' : ''}${PLAN_NAMES[ask.plan]}, ${(ask.payment ?? 'no-upfront').replace('-', ' ')}${said}`;
}

/** The catalog with each covered entry at its committed rate (a tiered entry becomes one tier). */
export function committedCatalog(catalog: PricingCatalog, rates: Pick<CatalogCommitment, 'rates' | 'source' | 'asOf'>, label: string): PricingCatalog {
  const copy = JSON.parse(JSON.stringify(catalog)) as Node;
  for (const [path, usd] of Object.entries(rates.rates)) {
    const entry = entryAt(copy, path);
    if (!entry) continue;
    if (Array.isArray(entry.tiers)) entry.tiers = [{ upTo: null, usd }];
    else entry.usd = usd;
    entry.description = `${String(entry.description)} (${label})`;
    entry.source = rates.source;
    entry.asOf = rates.asOf;
  }
  return copy as unknown as PricingCatalog;
}

/** Catalog paths are dotted, but EC2 type names hold dots too ("aws.ec2.instances.t3.medium"). */
function entryAt(root: Node, path: string): Node | null {
  const keys = path.split('.');
  let node: unknown = root;
  for (let i = 0; i < keys.length; i++) {
    if (node === null || typeof node !== 'object') return null;
    const n = node as Node;
    const rest = keys.slice(i).join('.');
    if (rest in n && typeof n[rest] === 'object') return n[rest] as Node;
    node = n[keys[i]!];
  }
  return node !== null && typeof node === 'object' ? (node as Node) : null;
}

function sameAsked(rates: CatalogCommitment, plan: string, term: string, payment: string): boolean {
  return rates.plan === plan && rates.term === term && rates.payment === payment;
}

/** Entry path a line's unit price came from ("aws.lambda.computeX86.tiers.0" -> "aws.lambda.computeX86"). */
function entryPath(priceRef: string): string {
  return priceRef.replace(/\.tiers\.\d+$/, '');
}

type Priced = Pick<CostReport, 'costs' | 'breakEven'>;

/** The covered platforms priced at `rates` beside on-demand, and how far the break-even moves. */
function pricedAt(rates: Pick<CatalogCommitment, 'rates' | 'source' | 'asOf'>, label: string, catalog: PricingCatalog, onDemand: Priced, priceWith: (catalog: PricingCatalog) => Priced) {
  const covered = new Set(Object.keys(rates.rates));
  const committed = priceWith(committedCatalog(catalog, rates, label));
  const costs = committed.costs.filter((c) => c.available && c.lines.some((l) => covered.has(entryPath(l.priceRef))));
  const beside = costs.map((c) => {
    const od = onDemand.costs.find((o) => o.platform === c.platform)?.monthlyUsd ?? null;
    return `${PLATFORM_NAMES[c.platform] ?? c.label} ${formatUsdRounded(c.monthlyUsd ?? 0)} a month (on-demand ${od === null ? 'n/a' : formatUsdRounded(od)})`;
  });
  const before = onDemand.breakEven?.averageRps ?? null;
  const after = committed.breakEven?.averageRps ?? null;
  const moves =
    before !== null && after !== null ? ` The break-even moves from ${formatRps(before)} to ${formatRps(after)} req/s on average.` : committed.breakEven ? ` ${committed.breakEven.sentence}` : '';
  return { costs, breakEven: committed.breakEven, beside: beside.join('; ') || 'no platform here uses a covered price', moves };
}

export function commitmentFigures(ask: CommitmentAsk | null | undefined, catalog: PricingCatalog, onDemand: Priced, priceWith: (catalog: PricingCatalog) => Priced): CommitmentFigures | null {
  if (!ask) return null;
  const base = { plan: ask.plan, term: ask.term, payment: ask.payment, words: ask.words, from: ask.from ?? ('stated' as const), costs: [] as PlatformCost[], breakEven: null };
  if (ask.plan === 'spot') {
    const spot = spotRates(catalog);
    if (!spot)
      return { ...base, applied: false, sentence: `Spot was asked for ("${ask.words}"): Spot prices move with demand and this catalog holds no published Spot discount, so every figure is on-demand; Spot suits work that can be interrupted and retried.` };
    const priced = pricedAt(spot, 'Spot, lowest at the published discount ceiling', catalog, onDemand, priceWith);
    return {
      ...base,
      applied: true,
      assumed: true,
      costs: priced.costs,
      breakEven: priced.breakEven,
      sentence: `Spot was asked for ("${ask.words}"). This is an assumption, not a price: Spot prices move with supply and demand, and AWS publishes only how far below on-demand they can go (${spot.ceilings}). At those ceilings, the lowest Spot could cost: ${priced.beside}.${priced.moves} Spot capacity can be taken back at two minutes' notice, so it suits work that can be interrupted and retried; functions have no Spot price.`,
    };
  }
  const term = ask.term ?? '1yr';
  const payment = ask.payment ?? 'no-upfront';
  const plural = ask.plan === 'reserved-instances';
  const named = commitmentName(ask);
  const asked = ask.from === 'workspace' ? `This workspace's commitment setting asks for ${named}` : `You asked for ${named} ("${ask.words}")`;
  if (ask.convertible)
    return { ...base, term, payment, applied: false, sentence: `${asked}, but catalog ${catalog.version} holds standard Reserved Instance rates only (\`serverless-fit pricing refresh\` leaves convertible offerings out), so every figure is on-demand.` };
  const rates = (catalog.commitments ?? []).find((r) => sameAsked(r, ask.plan, term, payment));
  if (!rates) {
    const where = plural
      ? 'Savings Plans cover the same EC2 use more flexibly; `serverless-fit pricing refresh` reads the rates AWS publishes in its price lists.'
      : '`serverless-fit pricing refresh` reads the rates AWS publishes in its Savings Plans price list.';
    return { ...base, term, payment, applied: false, sentence: `${asked}, but catalog ${catalog.version} has no published rate for ${plural ? 'them' : 'it'}, so every figure is on-demand. ${where}` };
  }
  const priced = pricedAt(rates, `${rates.term} ${PLAN_NAMES[rates.plan]}, ${rates.payment}`, catalog, onDemand, priceWith);
  return {
    ...base,
    term,
    payment,
    applied: true,
    costs: priced.costs,
    breakEven: priced.breakEven,
    sentence: `${ask.from === 'workspace' ? "With this workspace's commitment setting, " : 'With '}${named} at the rates published ${rates.asOf} (${rates.source}): ${priced.beside}.${priced.moves}`,
  };
}
