import { assess } from '../assess.js';
import { buildCard } from '../build-card.js';
import { componentResult } from '../review/component-result.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { questionCard } from '../interview/question-cards.js';
import { factsRead, importSummary, questionsFor, withAssumedDefaults } from './template-facts.js';
import { FORMAT_NAMES, type TemplateComponent, type TemplateFormat } from './template-types.js';

// `assess --template <file> --json`: one entry per function and service, each
// with what the template stated, what was assumed, and the verdict and costs.
// The shape is documented in the README; change it only by adding fields.

export interface TemplateAssessOptions {
  assumeDefaults: boolean;
  /** Decides whether the pricing catalog is called stale on the card. */
  today: Date;
}

export function templateAssessmentJson(read: { format: TemplateFormat; components: TemplateComponent[] }, file: string, catalog: PricingCatalog, options: TemplateAssessOptions) {
  const entries = read.components.map((component) => entryFor(component, catalog, options));
  const complete = entries.filter((e) => e.status === 'complete');
  const total = (pick: (e: (typeof complete)[number]) => number | null) => round2(complete.reduce((sum, e) => sum + (pick(e) ?? 0), 0));
  return {
    status: complete.length === entries.length ? ('complete' as const) : ('needs_input' as const),
    file,
    format: read.format,
    formatName: FORMAT_NAMES[read.format],
    summary: importSummary(read.components),
    components: entries,
    totals: {
      assessed: complete.length,
      recommendedUsd: total((e) => e.monthly.recommendedUsd),
      serverlessUsd: total((e) => e.monthly.serverlessUsd),
      containersUsd: total((e) => e.monthly.containersUsd),
    },
    verdicts: {
      fit: complete.filter((e) => e.verdict === 'fit').length,
      marginal: complete.filter((e) => e.verdict === 'marginal').length,
      avoid: complete.filter((e) => e.verdict === 'avoid').length,
    },
    pricing: { asOf: catalog.asOf, version: catalog.version },
  };
}

function entryFor(component: TemplateComponent, catalog: PricingCatalog, options: TemplateAssessOptions) {
  const base = {
    id: component.id,
    kind: component.kind,
    triggers: component.triggers,
    read: factsRead(component),
    unknown: component.unknown,
  };
  const open = questionsFor(component);
  if (open.length > 0 && !options.assumeDefaults) {
    return {
      ...base,
      status: 'needs_input' as const,
      questions: open.map((id) => ({ id, text: questionCard(id, component.facts, [], null).text })),
      assumed: [] as string[],
      verdict: null,
      platform: null,
      layer: null,
      monthly: { recommendedUsd: null, serverlessUsd: null, containersUsd: null },
      costs: [],
    };
  }
  const facts = withAssumedDefaults(component);
  const a = assess(facts, catalog, { chart: false });
  // The same three figures a review's plan adds up, so the CLI and the review card agree.
  const result = componentResult(component.id, facts, a, buildCard(a, null, options.today));
  const usd = (n: number | null) => (n === null ? null : round2(n));
  return {
    ...base,
    status: 'complete' as const,
    questions: [] as { id: string; text: string }[],
    assumed: a.assumptions.map((x) => x.text),
    verdict: a.verdict,
    platform: a.platform,
    layer: result.layer,
    monthly: { recommendedUsd: usd(result.recommendedUsd), serverlessUsd: usd(result.serverlessUsd), containersUsd: usd(result.containersUsd) },
    costs: a.cost.costs.map((c) => ({ platform: c.platform, label: c.label, kind: c.kind, available: c.available, monthlyUsd: c.monthlyUsd === null ? null : round2(c.monthlyUsd) })),
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
