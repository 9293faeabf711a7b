import { assess } from '../src/core/assess.js';
import { parseWorkload } from '../src/core/parse/parse-workload.js';
import type { PricingCatalog } from '../src/core/pricing/catalog-schema.js';
import { BENCH_CORPUS } from './corpus.js';

/** Full assessments (parse + rules + every platform + break-even + chart points) per second, one process. */
export function benchAssessments(catalog: PricingCatalog, seconds = 3): { perSecond: number; count: number; corpus: number; microsPerAssessment: number } {
  // Warm up so the JIT has compiled the hot paths before timing.
  for (let i = 0; i < 2000; i++) runOne(catalog, BENCH_CORPUS[i % BENCH_CORPUS.length] ?? '');
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let count = 0;
  while (performance.now() < deadline) {
    for (const text of BENCH_CORPUS) runOne(catalog, text);
    count += BENCH_CORPUS.length;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: Math.round(count / elapsed), count, corpus: BENCH_CORPUS.length, microsPerAssessment: (elapsed * 1e6) / count };
}

let sink = 0;
function runOne(catalog: PricingCatalog, text: string): void {
  const facts = { ...parseWorkload(text).facts, description: text };
  const result = assess(facts, catalog);
  sink += result.score;
}

export function benchSink(): number {
  return sink;
}
