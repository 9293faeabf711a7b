import type { PricingCatalog } from '../src/core/pricing/catalog-schema.js';
import { assess } from '../src/core/assess.js';
import { parseWorkload } from '../src/core/parse/parse-workload.js';
import { spread } from './serve-figures.js';

// Drawing the cost chart PNG: the first one in a process (which loads resvg,
// a native module) and the ones after it.

export interface ChartFigures {
  firstMs: number;
  nextMs: { median: number; min: number; max: number };
  pngKb: number;
  /** Resident memory growth over the renders. */
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
    rssGrowthMb: Math.round((process.memoryUsage().rss - rssBefore) / 1e5) / 10,
  };
}
