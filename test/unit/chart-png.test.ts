import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import { estimateCosts } from '../../src/core/cost/estimate-costs.js';
import type { CostChart } from '../../src/core/cost/cost-types.js';
import { flatProfile } from '../../src/core/traffic.js';
import { chartSvg, costChartSpec, renderCostChart } from '../../src/render/chart-png.js';
import type { ResolvedWorkload } from '../../src/core/workload.js';

const loaded = loadCatalog(DEFAULT_CATALOG_PATH);
if (!loaded.ok) throw new Error(loaded.error);

const w: ResolvedWorkload = {
  description: 'an API',
  trigger: 'http',
  traffic: { hourly: flatProfile(3600 * 2), basis: 'steady', echo: '2 req/s' },
  duration: { typicalMs: 120, worstMs: 120 },
  memoryMb: 128,
  cpuShare: 0.2,
  nature: 'io-bound',
  packageMb: 20,
  state: [],
  latencyP99Ms: null,
  architecture: 'x86',
  region: 'us-east-1',
  prototype: false,
};
const computed = estimateCosts(w, loaded.catalog).chart;
if (!computed) throw new Error('estimateCosts computes the chart by default');
const chart = computed;

/** The parts of the vega-lite spec these tests read. */
interface SpecView {
  background: string;
  layer: { encoding: Record<string, { scale?: { type?: string; domain?: unknown; range?: string[] }; axis?: { labelExpr?: string } }> }[];
}
const specOf = (c: CostChart) => costChartSpec(c) as unknown as SpecView;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderCostChart', () => {
  it('renders a PNG at twice the drawing size', async () => {
    const { width, height } = pngSize(await renderCostChart(chart));
    expect(width).toBeGreaterThan(1500);
    expect(height).toBeGreaterThan(900);
  }, 20_000);

  it('still renders a PNG with no fonts at all', async () => {
    const { width } = pngSize(await renderCostChart(chart, { fonts: 'none' }));
    expect(width).toBeGreaterThan(1500);
  }, 20_000);

  it('renders a chart with no available platform and no traffic', async () => {
    const empty: CostChart = { series: [], currentRps: 0, breakEvenRps: null };
    pngSize(await renderCostChart(empty));
  }, 20_000);
});

describe('what the chart shows', () => {
  it('labels the axes with their units, marks the current traffic and the break-even, and has a legend', async () => {
    const svg = await chartSvg(chart);
    for (const text of [
      'Average requests per second (log scale)',
      'Monthly cost, USD (log scale)',
      'You: 2 req/s',
      `Break-even: `,
      'AWS Lambda (x86) + API Gateway HTTP API',
      'Amazon EC2 (x86) + ALB',
      'Cloudflare Workers (Standard)',
      '$1k',
      '$10',
    ])
      expect(svg, text).toContain(text);
  }, 20_000);

  it('uses log scales on both axes, an opaque white background and one colour per platform', () => {
    const spec = specOf(chart);
    expect(spec.background).toBe('#FFFFFF');
    const line = spec.layer[0]!.encoding;
    expect(line.x?.scale?.type).toBe('log');
    expect(line.y?.scale?.type).toBe('log');
    expect(line.y?.axis?.labelExpr).toContain("'$'");
    const colours = line.color?.scale?.range ?? [];
    expect(new Set(colours).size).toBe(chart.series.length);
    expect(line.color?.scale?.domain).toEqual(chart.series.map((s) => s.label));
  });

  it('leaves out markers that fall outside the plotted range', () => {
    const spec = specOf({ ...chart, breakEvenRps: 1e9 });
    expect(JSON.stringify(spec.layer)).not.toContain('Break-even');
    expect(JSON.stringify(spec.layer)).toContain('You: 2 req/s');
  });
});
