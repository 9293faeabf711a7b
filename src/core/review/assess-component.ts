import { assess } from '../assess.js';
import { buildCard } from '../build-card.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { WhatIf } from '../parse/parse-workload.js';
import { applyWhatIf } from '../apply-what-if.js';
import { componentResult } from './component-result.js';
import type { ComponentResult, ReviewComponent } from './review-types.js';

/**
 * Assesses a component whose interview is done (no chart: the review card has
 * none). `defaultRegion`: the workspace's default region, used when the
 * component's words and template name none.
 */
export function assessComponent(component: ReviewComponent, catalog: PricingCatalog, today: Date, defaultRegion: string | null = null): ComponentResult {
  const assessment = assess(component.facts, catalog, { chart: false, defaultRegion });
  return componentResult(component.name, component.facts, assessment, buildCard(assessment, null, today));
}

/** The component as it would be under a what-if, without changing it. */
export function hypothetical(component: ReviewComponent, whatIf: WhatIf, catalog: PricingCatalog, today: Date, defaultRegion: string | null = null): ReviewComponent {
  if (component.kind !== 'workload' || !component.last) return component;
  const facts = applyWhatIf(component.facts, whatIf);
  const next = { ...component, facts };
  return { ...next, last: assessComponent(next, catalog, today, defaultRegion) };
}
