import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILY as FONT_FAMILY, svgToPng, vegaLiteToSvg } from './vega-png.js';
import type { CostChart, PlatformId } from '../core/cost/cost-types.js';
import { formatRps } from '../core/cost/format-cost.js';

// The cost-vs-traffic chart as a PNG for the chat adapters to attach: vega-lite
// draws it as SVG without a browser, resvg rasterises it. The background is
// opaque white so the same image reads on light and dark chat themes.

export interface ChartRenderOptions {
  /** 'system' (default) loads installed fonts; 'none' renders without any (text is dropped, the PNG still comes out). */
  fonts?: 'system' | 'none';
}

const WIDTH = 760;
const HEIGHT = 400;

/** Dark enough for white; distinct for the usual kinds of colour blindness (Tableau 10). */
const COLOURS: Record<PlatformId, string> = {
  'aws-lambda': '#E8730C',
  'aws-fargate': '#3B6FB6',
  'aws-ec2': '#2E8B3E',
  'gcp-cloud-run-functions': '#D43D51',
  'azure-functions': '#8E5BA8',
  'cloudflare-workers': '#8C6A4A',
  'aws-batch': '#4A8C8C',
};
const SERVER_PLATFORMS: ReadonlySet<PlatformId> = new Set(['aws-fargate', 'aws-ec2', 'aws-batch']);
const MARKER_COLOUR = '#222222';
const MUTED = '#555555';

/** Powers of ten covering [lo, hi]: clean tick values on a log axis. */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** The y axis floor: a log scale cannot show $0, and cents are the smallest amount worth drawing. */
const MIN_USD = 0.01;

export function costChartSpec(chart: CostChart): TopLevelSpec {
  const rows = chart.series.flatMap((s) =>
    s.points.map((p) => ({ rps: p.rps, usd: Math.max(p.monthlyUsd, MIN_USD), label: s.label, servers: SERVER_PLATFORMS.has(s.platform) })),
  );
  const xs = rows.map((r) => r.rps);
  const ys = rows.map((r) => r.usd);
  const xMin = xs.length ? Math.min(...xs) : Math.max(chart.currentRps / 100, 1e-4);
  const xMax = xs.length ? Math.max(...xs) : Math.max(chart.currentRps * 100, 1);
  const yMin = ys.length ? Math.min(...ys) : MIN_USD;
  const yMax = ys.length ? Math.max(...ys) * 1.5 : 1;
  const xTicks = decades(xMin, xMax).filter((v) => v >= xMin / 1.001 && v <= xMax * 1.001);
  const yTicks = decades(yMin, yMax).filter((v) => v >= yMin / 1.001 && v <= yMax);
  const labels = chart.series.map((s) => s.label);
  const layers: object[] = [
    {
      mark: { type: 'line', strokeWidth: 2.5, clip: true, interpolate: 'linear' },
      encoding: {
        x: {
          field: 'rps',
          type: 'quantitative',
          scale: { type: 'log', domain: [xMin, xMax], nice: false },
          axis: {
            title: 'Average requests per second (log scale)',
            values: xTicks,
            labelExpr: "datum.value >= 1000 ? format(datum.value / 1000, ',~g') + 'k' : format(datum.value, '~g')",
            grid: true,
          },
        },
        y: {
          field: 'usd',
          type: 'quantitative',
          scale: { type: 'log', domain: [yMin, yMax], nice: false },
          axis: {
            title: 'Monthly cost, USD (log scale)',
            values: yTicks,
            labelExpr:
              "datum.value >= 1000000 ? '$' + format(datum.value / 1000000, ',~g') + 'M' : datum.value >= 1000 ? '$' + format(datum.value / 1000, ',~g') + 'k' : datum.value >= 1 ? '$' + format(datum.value, ',~g') : '$' + format(datum.value, '.2f')",
            grid: true,
          },
        },
        color: {
          field: 'label',
          type: 'nominal',
          scale: { domain: labels, range: chart.series.map((s) => COLOURS[s.platform]) },
          legend: { title: null, orient: 'bottom', columns: 2, labelLimit: 0, columnPadding: 24, symbolType: 'stroke', symbolStrokeWidth: 3 },
        },
        strokeDash: {
          field: 'servers',
          type: 'nominal',
          scale: { domain: [false, true], range: [[1, 0], [7, 4]] },
          legend: null,
        },
      },
    },
  ];
  if (chart.currentRps > 0 && chart.currentRps >= xMin && chart.currentRps <= xMax) {
    layers.push(
      rule(chart.currentRps, MARKER_COLOUR, [1, 0]),
      label(chart.currentRps, `You: ${formatRps(chart.currentRps)} req/s`, MARKER_COLOUR, 6, nearRightEdge(chart.currentRps, xMin, xMax)),
    );
  }
  // The break-even label sits one line below the "You" label so the two never collide.
  if (chart.breakEvenRps !== null && chart.breakEvenRps >= xMin && chart.breakEvenRps <= xMax) {
    layers.push(
      rule(chart.breakEvenRps, MUTED, [5, 4]),
      label(chart.breakEvenRps, `Break-even: ${formatRps(chart.breakEvenRps)} req/s`, MUTED, 24, nearRightEdge(chart.breakEvenRps, xMin, xMax)),
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    padding: 16,
    background: '#FFFFFF',
    title: {
      text: 'Monthly cost as traffic grows',
      subtitle: 'Same hourly shape, scaled; on-demand list prices before free tiers; dashed = servers',
      anchor: 'start',
      fontSize: 18,
      subtitleFontSize: 12,
      subtitleColor: MUTED,
    },
    data: { values: rows },
    layer: layers,
    config: {
      font: FONT_FAMILY,
      view: { stroke: '#BBBBBB' },
      axis: { labelFontSize: 12, titleFontSize: 13, labelColor: '#333333', titleColor: '#222222', gridColor: '#E3E3E3', domainColor: '#888888', tickColor: '#888888' },
      legend: { labelFontSize: 12, labelColor: '#222222' },
    },
  } as TopLevelSpec;
}

function rule(rps: number, colour: string, dash: number[]): object {
  return {
    mark: { type: 'rule', color: colour, strokeWidth: 1.5, strokeDash: dash },
    encoding: { x: { datum: rps, type: 'quantitative' } },
  };
}

/** Labels in the right quarter of the plot go to the left of their rule, so they stay inside it. */
function nearRightEdge(rps: number, lo: number, hi: number): boolean {
  return Math.log10(rps / lo) / Math.log10(hi / lo) > 0.75;
}

function label(rps: number, text: string, colour: string, y: number, leftOfRule: boolean): object {
  return {
    mark: { type: 'text', align: leftOfRule ? 'right' : 'left', baseline: 'top', dx: leftOfRule ? -5 : 5, fontSize: 12, fontWeight: 'bold', color: colour },
    encoding: { x: { datum: rps, type: 'quantitative' }, y: { value: y }, text: { value: text } },
  };
}

export async function chartSvg(chart: CostChart): Promise<string> {
  return vegaLiteToSvg(costChartSpec(chart));
}

export async function renderCostChart(chart: CostChart, options: ChartRenderOptions = {}): Promise<Buffer> {
  return svgToPng(await chartSvg(chart), options.fonts ?? 'system');
}
