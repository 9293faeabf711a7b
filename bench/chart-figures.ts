import type { PricingCatalog } from '../src/core/pricing/catalog-schema.js';
import { assess } from '../src/core/assess.js';
import { parseWorkload } from '../src/core/parse/parse-workload.js';
import { spread } from './serve-figures.js';

// Drawing the cost chart PNG (each in a worker thread that loads resvg): the
// first one in a process and the ones after it, and what the process's own
// memory does meanwhile.

export interface ChartFigures {
  firstMs: number;
  nextMs: { median: number; min: number; max: number };
  pngKb: number;
  /** Charts drawn, the first included. */
  renders: number;
  /** Resident memory growth of the process over all the renders. */
  rssGrowthMb: number;
}

export async function benchChart(catalog: PricingCatalog, renders = 10): Promise<ChartFigures> {
  const text = 'REST API, 2 req/s steady, 120 ms, calls Postgres';
  const chart = assess({ ...parseWorkload(text).facts, description: text }, catalog).cost.chart!;
  const { renderCostChart } = await import('../src/render/chart-png.js');
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const png = await renderCostChart(chart);
  const firstMs = performance.now() - started;
  const next: number[] = [];
  for (let i = 0; i < renders; i++) {
    started = performance.now();
    await renderCostChart(chart);
    next.push(performance.now() - started);
  }
  return {
    firstMs: Math.round(firstMs),
    nextMs: spread(next),
    pngKb: Math.round(png.length / 1024),
    renders: renders + 1,
    rssGrowthMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e5) / 10,
  };
}
