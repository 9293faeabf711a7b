import type { Assessment } from '../assessment.js';
import type { Card } from '../card.js';
import { snapshotOf } from '../build-card.js';
import type { PlatformCost, PlatformId } from '../cost/cost-types.js';
import { cheapestOf, lambdaCost } from '../rules/cost-lookup.js';
import type { WorkloadFacts } from '../workload.js';
import type { ComponentResult, Layer } from './review-types.js';

// One component's assessment -> what the plan needs from it: the three
// figures behind the totals, its layer, its risks.

const RISKS_PER_COMPONENT = 2;

/** Names that make a component a data store rather than a workload, unless they also name a job or a service. */
const DATA_NAME = /\b(?:db|dbs|database|databases|postgres(?:ql)?|mysql|mariadb|aurora|rds|dynamo ?db|mongo(?:db)?|redis|memcached|elastic ?search|opensearch|warehouse|data ?lake|bucket|object store|storage|data store|datastore|s3)\b/i;
const WORKLOAD_NAME = /\b(?:api|apis|service|worker|job|jobs|function|pipeline|handler|processor|consumer|sync|webhook|cron|lambda|app|server|backend|frontend|export|import|etl|indexer|ingest(?:ion|er)?)\b/i;
/** The edge layer of DESIGN.md: API gateway, edge workers, CDN logic. */
const EDGE_WORDS = /\b(?:edge|cdn|api gateway|gateway|cloudflare|redirects?|geo ?routing|a\/b (?:test|split)s?|bot (?:protection|detection)|waf|rate limit(?:er|ing)?|auth(?:entication)? check)\b/i;

export function isDataStore(name: string): boolean {
  return DATA_NAME.test(name) && !WORKLOAD_NAME.test(name);
}

export function componentResult(name: string, facts: WorkloadFacts, assessment: Assessment, card: Card): ComponentResult {
  const costs = assessment.cost.costs;
  const recommendedRow = card.costs.find((c) => c.recommended) ?? null;
  const usd = (platform: PlatformId | null) => (platform ? (costs.find((c) => c.platform === platform && c.available)?.monthlyUsd ?? null) : null);
  // AWS Lambda when it can run it, like the recommended plan; another functions platform only when Lambda cannot.
  const serverless = lambdaCost(assessment.cost) ?? cheapestAvailable(costs, 'functions');
  const containers = cheapestAvailable(costs, 'servers');
  const recommendedPlatform = recommendedRow?.platform ?? null;
  const risks = assessment.reasons
    .filter((r) => r.polarity !== 'pro')
    .sort((a, b) => Number(b.polarity === 'blocker') - Number(a.polarity === 'blocker') || b.weight - a.weight)
    .slice(0, RISKS_PER_COMPONENT)
    .map((r) => ({ text: r.text, weight: r.weight, blocker: r.polarity === 'blocker' }));
  const kind = costs.find((c) => c.platform === recommendedPlatform)?.kind ?? 'servers';
  return {
    ...snapshotOf(assessment),
    recommendedPlatform,
    recommendedUsd: usd(recommendedPlatform),
    serverlessPlatform: serverless?.platform ?? null,
    serverlessUsd: serverless?.monthlyUsd ?? null,
    containersPlatform: containers?.platform ?? null,
    containersUsd: containers?.monthlyUsd ?? null,
    layer: layerOf(name, facts, kind, recommendedPlatform),
    risks,
    ...pricedIn(assessment),
  };
}

/** The region words for the review card; nothing for a component priced in the catalog's home region because none was given. */
function pricedIn(assessment: Assessment): { pricedIn?: string } {
  const region = assessment.cost.region;
  if (!region || region.from === 'default') return {};
  const whence = region.from === 'workspace' ? ', workspace default' : '';
  return { pricedIn: `${region.region}${whence}${region.fallback ? `; AWS priced at ${region.priced}` : ''}` };
}

/**
 * Edge by what it is (gateway, CDN logic, edge workers); otherwise where its
 * verdict sends it: functions for event processing, containers for the rest.
 */
export function layerOf(name: string, facts: WorkloadFacts, kind: PlatformCost['kind'], platform: PlatformId | null): Layer {
  if (EDGE_WORDS.test(name) || EDGE_WORDS.test(facts.description ?? '') || platform === 'cloudflare-workers') return 'edge';
  return kind === 'functions' ? 'functions' : 'containers';
}

function cheapestAvailable(costs: readonly PlatformCost[], kind: PlatformCost['kind']): PlatformCost | null {
  return cheapestOf(costs.filter((c) => c.kind === kind && c.available && c.monthlyUsd !== null));
}
