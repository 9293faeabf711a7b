import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { buildCard } from '../../src/core/build-card.js';
import type { Card } from '../../src/core/card.js';
import type { CostChart } from '../../src/core/cost/cost-types.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { costChartDrawing, type ChartDrawing } from '../../src/render/chart-layout.js';
import { chartSvg, renderCostChart } from '../../src/render/chart-png.js';
import { svgToPng } from '../../src/render/svg-png.js';
import { shippedCatalog } from '../helpers/cost-fixtures.js';

// The cost chart's drawing spec, read from the drawing value the SVG is
// written from: the recommended line on top and heavier, the operating point
// on each line with the card's own figure, the break-even marked or the
// reason there is none, servers dashed, n/a platforms in a footnote.

const catalog = shippedCatalog();
const TODAY = new Date('2026-12-01T00:00:00Z');

function cardFor(text: string): Card {
  const facts = { ...parseWorkload(text).facts, description: text, constraintsAnswered: true };
  return buildCard(assess(facts, catalog), null, TODAY);
}

function chartOf(card: Card): CostChart {
  if (!card.chart) throw new Error('the card has no chart');
  return card.chart;
}

const CASES: { text: string; recommended: RegExp; breakEven: 'mark' | RegExp; na: RegExp[] }[] = [
  { text: 'REST API, 2 req/s steady, 120 ms, 512 MB, calls Postgres', recommended: /aws-lambda/, breakEven: 'mark', na: [/Cloudflare Workers/] },
  { text: 'Stripe webhook handler, 300 ms, 20k events a month', recommended: /aws-lambda/, breakEven: 'mark', na: [] },
  { text: 'REST API, 1000 rps 24/7, 100 ms per request, calls Postgres', recommended: /aws-ec2|aws-fargate/, breakEven: 'mark', na: [] },
  { text: 'video transcoding, 45 minutes per video, 200 videos a day, 4 GB', recommended: /aws-batch|aws-ec2|aws-fargate/, breakEven: /AWS Lambda cannot run this workload/, na: [/AWS Lambda/, /Cloud Run functions/] },
  { text: 'weekly report email, 2 seconds', recommended: /aws-lambda/, breakEven: /AWS Lambda stays cheaper than servers across/, na: [] },
  { text: 'nightly cleanup job, 3 minutes', recommended: /aws-lambda/, breakEven: /AWS Lambda stays cheaper than servers across/, na: [] },
  { text: 'WebSocket chat server for 5000 concurrent users, 50 messages/s', recommended: /aws-fargate|aws-ec2/, breakEven: 'mark', na: [] },
];

describe.each(CASES)('the chart for "$text"', ({ text, recommended, breakEven, na }) => {
  const card = cardFor(text);
  const chart = chartOf(card);
  const drawing = costChartDrawing(chart);
  const row = card.costs.find((r) => r.recommended);

  it('draws the recommended line last (on top) and heavier than every other line', () => {
    expect(row?.platform).toMatch(recommended);
    expect(chart.recommended).toBe(row?.platform);
    const top = drawing.lines.at(-1)!;
    expect(top).toMatchObject({ platform: row?.platform, recommended: true });
    for (const line of drawing.lines.slice(0, -1)) expect(line.width).toBeLessThan(top.width);
  });

  it("marks the operating point on every line with the card's monthly figure", () => {
    expect(drawing.operatingPoints.map((p) => p.platform).sort()).toEqual(drawing.lines.map((l) => l.platform).sort());
    for (const point of drawing.operatingPoints) {
      expect(point.label).toBe(card.costs.find((r) => r.platform === point.platform)?.monthly);
      expect(point.y).toBeGreaterThanOrEqual(drawing.plot.y);
      expect(point.y).toBeLessThanOrEqual(drawing.plot.y + drawing.plot.height);
    }
    const you = drawing.markers.find((m) => m.kind === 'you');
    expect(you?.x).toBe(drawing.operatingPoints[0]?.x);
  });

  it('keeps the cost labels apart and inside the plot, however close the costs are', () => {
    const heights = drawing.operatingPoints.map((p) => p.labelY).sort((a, b) => a - b);
    for (let i = 1; i < heights.length; i++) expect(heights[i]! - heights[i - 1]!).toBeGreaterThanOrEqual(14.99);
    for (const h of heights) {
      expect(h).toBeGreaterThan(drawing.plot.y);
      expect(h).toBeLessThanOrEqual(drawing.plot.y + drawing.plot.height);
    }
  });

  it('marks the break-even where the card states it, or says in the chart why there is none', () => {
    const mark = drawing.markers.find((m) => m.kind === 'break-even');
    const note = drawing.notes.map((n) => n.runs.map((r) => r.text).join('')).join(' ');
    if (breakEven === 'mark') {
      const rate = /Break-even: ([\d.,]+) req\/s/.exec(mark?.label ?? '')?.[1];
      expect(card.breakEven).toContain(`Break-even at about ${rate} req/s`);
      expect(mark?.point).not.toBeNull();
      expect(note).not.toContain('No break-even');
    } else {
      expect(mark).toBeUndefined();
      expect(note).toMatch(new RegExp(`No break-even on this chart: ${breakEven.source}`));
    }
  });

  it('dashes the servers, in the lines and in the legend, and puts the recommendation first in the legend', () => {
    for (const line of drawing.lines) expect(line.dash !== null, line.platform).toBe(chart.series.find((s) => s.platform === line.platform)?.kind === 'servers');
    expect(drawing.lines.some((l) => l.dash !== null)).toBe(true);
    for (const entry of drawing.legend) expect(entry.dash).toBe(drawing.lines.find((l) => l.platform === entry.platform)?.dash);
    expect(drawing.legend[0]).toMatchObject({ platform: row?.platform, bold: true, label: expect.stringContaining('(recommended)') });
  });

  it('lists each platform left off (n/a) in a footnote with its reason', () => {
    const footnotes = drawing.notes.filter((n) => n.runs[0]?.bold && n.runs[0].text.includes(': n/a'));
    const missing = card.costs.filter((r) => r.monthly === 'n/a');
    expect(footnotes).toHaveLength(missing.length);
    for (const pattern of na) expect(missing.map((r) => r.label).join('\n')).toMatch(pattern);
    for (const r of missing) expect(footnotes.some((n) => n.runs[0]!.text.startsWith(r.label))).toBe(true);
  });
});

describe('charts without the usual marks', () => {
  const base = chartOf(cardFor('REST API, 2 req/s steady, 120 ms, calls Postgres'));

  it.each<[string, Partial<CostChart>, (d: ChartDrawing) => void]>([
    [
      'a break-even outside the range drawn',
      { breakEvenRps: 1e9 },
      (d) => {
        expect(d.markers.map((m) => m.kind)).toEqual(['you']);
        expect(d.notes[0]?.runs.map((r) => r.text).join('')).toMatch(/^No break-even on this chart: functions and servers cost the same at 1,000,000,000 req\/s, outside the range drawn/);
      },
    ],
    [
      'no recommendation among the lines',
      { recommended: null },
      (d) => {
        expect(d.lines.every((l) => !l.recommended && l.width === d.lines[0]!.width)).toBe(true);
        expect(d.legend.every((e) => !e.bold)).toBe(true);
      },
    ],
    [
      'no traffic yet',
      { currentRps: 0 },
      (d) => {
        expect(d.operatingPoints).toEqual([]);
        expect(d.markers.map((m) => m.kind)).not.toContain('you');
        expect(d.subtitle).not.toContain('dots');
      },
    ],
  ])('%s', (_name, change, check) => check(costChartDrawing({ ...base, ...change })));
});

describe('a line hidden under the recommended one', () => {
  const base = chartOf(cardFor('REST API, 2 req/s steady, 120 ms, calls Postgres'));
  const top = base.series.find((s) => s.platform === base.recommended)!;
  const twin = (factor: number) => ({
    ...base,
    series: [
      ...base.series.filter((s) => s.platform !== 'azure-functions'),
      { ...top, platform: 'azure-functions' as const, label: 'Azure Functions (Consumption)', points: top.points.map((p) => ({ ...p, monthlyUsd: p.monthlyUsd * factor })), currentUsd: top.currentUsd * factor },
    ],
  });
  const notes = (chart: CostChart) => costChartDrawing(chart).notes.map((n) => n.runs.map((r) => r.text).join(''));

  it.each([
    [0.97, true],
    [1.05, true],
    [1.5, false],
    [0.5, false],
  ])('at %f times its cost is named in a footnote: %s', (factor, named) => {
    const found = notes(twin(factor)).some((n) => n.startsWith(`Azure Functions (Consumption) runs under ${top.label}: within 10% of it`));
    expect(found).toBe(named);
  });
});

describe('the SVG', () => {
  const chart = chartOf(cardFor('REST API, 2 req/s steady, 120 ms, 512 MB, calls Postgres'));
  const svg = chartSvg(chart);

  it('paints the recommended series last', () => {
    const series = [...svg.matchAll(/class="series ([a-z0-9-]+)( recommended)?"/g)].map((m) => m[1]! + (m[2] ?? ''));
    expect(series.at(-1)).toBe(`${chart.recommended} recommended`);
    expect(series.filter((s) => s.endsWith('recommended'))).toHaveLength(1);
  });

  it('labels the axes with their units, the current traffic, the break-even and every platform', () => {
    for (const label of [
      'Average requests per second (log scale)',
      'Monthly cost, USD (log scale)',
      'You: 2 req/s',
      'Break-even: ',
      'AWS Lambda (x86) + API Gateway HTTP API (recommended)',
      'Amazon EC2 (x86) + ALB',
      'Cloudflare Workers (Standard): n/a, ',
      '$1k',
      '$10',
    ])
      expect(svg, label).toContain(label);
  });

  it('escapes text from the catalog', () => {
    const odd = { ...chart, series: chart.series.map((s, i) => (i === 0 ? { ...s, label: 'A & B <C>' } : s)) };
    expect(chartSvg(odd)).toContain('A &amp; B &lt;C&gt;');
  });
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderCostChart', () => {
  const chart = chartOf(cardFor('REST API, 2 req/s steady, 120 ms, 512 MB, calls Postgres'));

  it('renders a PNG at twice the drawing size', async () => {
    const drawing = costChartDrawing(chart);
    expect(pngSize(await renderCostChart(chart))).toEqual({ width: drawing.width * 2, height: Math.round(drawing.height * 2) });
  }, 20_000);

  it('still renders a PNG with no fonts at all', async () => {
    expect(pngSize(await renderCostChart(chart, { fonts: 'none' })).width).toBe(costChartDrawing(chart).width * 2);
  }, 20_000);

  it('draws charts asked for at the same time, each in its own turn', async () => {
    const width = costChartDrawing(chart).width * 2;
    const pngs = await Promise.all(Array.from({ length: 5 }, () => renderCostChart(chart)));
    for (const png of pngs) expect(pngSize(png).width).toBe(width);
  }, 60_000);

  it('fails a chart that cannot be drawn with a plain reason, and draws the next one', async () => {
    await expect(svgToPng('<svg this is not')).rejects.toThrow(/the chart could not be drawn/);
    expect(pngSize(await renderCostChart(chart)).width).toBe(costChartDrawing(chart).width * 2);
  }, 20_000);

  it('draws more charts than one worker draws before it is replaced, every one whole', async () => {
    const drawing = costChartDrawing(chart);
    for (let i = 0; i < 12; i += 1) expect(pngSize(await renderCostChart(chart))).toEqual({ width: drawing.width * 2, height: Math.round(drawing.height * 2) });
  }, 60_000);

  it('renders a chart with no available platform and no traffic', async () => {
    const empty: CostChart = { series: [], currentRps: 0, breakEvenRps: null, noBreakEven: 'AWS Lambda cannot run this workload.', unavailable: [], recommended: null };
    pngSize(await renderCostChart(empty));
  }, 20_000);
});
