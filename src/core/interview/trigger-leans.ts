import { assess } from '../assess.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { WorkloadFacts } from '../workload.js';
import type { InterviewContext } from './next-question.js';

// Whether the verdict leans on a trigger nobody named: assessed once as an
// HTTP request and once as a queue message, does the verdict or the platform
// change? Then the interview asks instead of assuming. Only run when the other
// figures are in, so it is asked once, at the end.

export function triggerLeans(facts: WorkloadFacts, catalog: PricingCatalog): boolean {
  if (facts.trigger !== undefined || facts.connections || facts.constraintsAnswered) return false;
  if (!facts.traffic || !facts.duration) return false;
  const asHttp = assess({ ...facts, trigger: 'http' }, catalog, { chart: false });
  const asQueue = assess({ ...facts, trigger: 'queue' }, catalog, { chart: false });
  return asHttp.verdict !== asQueue.verdict || asHttp.platformId !== asQueue.platformId;
}

export function interviewContext(facts: WorkloadFacts, catalog: PricingCatalog): InterviewContext {
  return { triggerLeans: triggerLeans(facts, catalog) };
}
