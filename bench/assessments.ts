import { assess } from '../src/core/assess.js';
import { parseWorkload } from '../src/core/parse/parse-workload.js';
import type { PricingCatalog } from '../src/core/pricing/catalog-schema.js';
import { BENCH_CORPUS } from './corpus.js';

/**
 * Full assessments per second, one process: parse + resolve + every platform's
 * itemised cost + break-even + sensitivity + rules + verdict. With `chart`, also
 * the 40-point chart series a rendered card carries.
 */
export function benchAssessments(catalog: PricingCatalog, options: { chart: boolean; seconds?: number }): { perSecond: number; count: number; corpus: number; microsPerAssessment: number } {
  const seconds = options.seconds ?? 3;
  // Warm up for a second so the JIT has compiled the hot paths before timing,
  // as it has in a bot that has been serving for a while.
  const warmUntil = performance.now() + 1000;
  for (let i = 0; performance.now() < warmUntil; i++) runOne(catalog, BENCH_CORPUS[i % BENCH_CORPUS.length] ?? '', options.chart);
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let count = 0;
  while (performance.now() < deadline) {
    for (const text of BENCH_CORPUS) runOne(catalog, text, options.chart);
    count += BENCH_CORPUS.length;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: Math.round(count / elapsed), count, corpus: BENCH_CORPUS.length, microsPerAssessment: (elapsed * 1e6) / count };
}

let sink = 0;
function runOne(catalog: PricingCatalog, text: string, chart: boolean): void {
  const facts = { ...parseWorkload(text).facts, description: text };
  const result = assess(facts, catalog, { chart });
  sink += result.score;
}

export function benchSink(): number {
  return sink;
}
