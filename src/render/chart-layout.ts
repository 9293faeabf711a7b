import type { ChartSeries, CostChart, PlatformId } from '../core/cost/cost-types.js';
import { formatRate, formatRps, formatUsdRounded } from '../core/format.js';
import { formatRpsTick, formatUsdTick, logTicks, logScale, type Tick } from './chart-scale.js';
import { textWidth, wrapWords } from './svg.js';

// What the cost chart draws and where, as a plain value: lines in paint order
// (the recommended one last, heavier), the operating point on each line with
// its cost, the break-even mark or the reason there is none, the legend and
// the footnotes. chart-png.ts only turns this into SVG; tests read it directly.

/** Dark enough for white; distinct for the usual kinds of colour blindness (Tableau 10). */
export const PLATFORM_COLOURS: Record<PlatformId, string> = {
  'aws-lambda': '#E8730C',
  'aws-fargate': '#3B6FB6',
  'aws-ec2': '#2E8B3E',
  'gcp-cloud-run-functions': '#D43D51',
  'azure-functions': '#8E5BA8',
  'cloudflare-workers': '#8C6A4A',
  'aws-batch': '#4A8C8C',
};
export const MARKER_COLOUR = '#222222';
export const MUTED = '#555555';

const WIDTH = 920;
const PLOT = { left: 86, right: WIDTH - 28, top: 100, height: 380 };
const LINE_WIDTH = 2.25;
const RECOMMENDED_LINE_WIDTH = 4.5;
const SERVER_DASH = '7 4';
/** A server line at a commitment's rates: dotted beside its dashed on-demand line. */
const COMMITTED_DASH = '2 3';
const LABEL_SIZE = 12;
/** Vertical room one operating-point label needs before the next. */
const LABEL_GAP = 15;
const NOTE_LINE = 17;
/** A log axis cannot show $0: the axis goes down to the cheapest amount drawn, but no lower than a tenth of a cent. */
const MIN_USD = 0.001;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartLine {
  platform: PlatformId;
  label: string;
  colour: string;
  width: number;
  /** SVG stroke-dasharray; null for a solid line. */
  dash: string | null;
  recommended: boolean;
  points: [x: number, y: number][];
}

export interface OperatingPoint {
  platform: PlatformId;
  colour: string;
  recommended: boolean;
  x: number;
  y: number;
  /** "$11.56": the card's monthly figure at the current traffic. */
  label: string;
  labelX: number;
  /** Baseline of the label, moved apart from its neighbours when costs are close. */
  labelY: number;
  anchor: 'start' | 'end';
}

export interface RuleMarker {
  kind: 'you' | 'break-even';
  x: number;
  label: string;
  labelX: number;
  labelY: number;
  colour: string;
  dash: string | null;
  /** Where the lines cross, for the break-even. */
  point: { x: number; y: number } | null;
}

export interface LegendEntry {
  platform: PlatformId;
  label: string;
  colour: string;
  width: number;
  dash: string | null;
  bold: boolean;
  x: number;
  y: number;
}

export interface NoteLine {
  y: number;
  runs: { text: string; bold: boolean }[];
}

export interface ChartDrawing {
  width: number;
  height: number;
  title: string;
  subtitle: string;
  plot: Box;
  xTicks: Tick[];
  yTicks: Tick[];
  xTitle: string;
  yTitle: string;
  /** In paint order: the recommended line comes last, so it is on top. */
  lines: ChartLine[];
  operatingPoints: OperatingPoint[];
  markers: RuleMarker[];
  legend: LegendEntry[];
  /** No break-even, and each platform left off the chart (n/a). */
  notes: NoteLine[];
}

export function costChartDrawing(chart: CostChart): ChartDrawing {
  const plot: Box = { x: PLOT.left, y: PLOT.top, width: PLOT.right - PLOT.left, height: PLOT.height };
  const bottom = plot.y + plot.height;
  const allPoints = chart.series.flatMap((s) => s.points);
  const fallback = chart.currentRps > 0 ? chart.currentRps : 0.01;
  const xMin = allPoints.length ? Math.min(...allPoints.map((p) => p.rps)) : fallback / 100;
  const xMax = allPoints.length ? Math.max(...allPoints.map((p) => p.rps)) : fallback * 100;
  const usd = [...allPoints.map((p) => p.monthlyUsd), ...chart.series.map((s) => s.currentUsd)].map((v) => Math.max(v, MIN_USD));
  let yMin = usd.length ? Math.min(...usd) : MIN_USD;
  let yMax = usd.length ? Math.max(...usd) * 1.6 : 1;
  if (yMax / yMin < 10) [yMin, yMax] = [yMin / 3, yMax * 3];
  const x = logScale([xMin, xMax], [plot.x, plot.x + plot.width]);
  const y = logScale([yMin, yMax], [bottom, plot.y]);
  // An amount under the axis floor (a few runs a month cost $0.00) sits on the floor.
  const yOf = (v: number) => y(Math.max(v, yMin));
  // Amounts under a cent leave the plot through its floor (clipped) rather than running along it.
  const lineY = (v: number) => y(Math.max(v, yMin / 100));

  const recommended = chart.series.find((s) => s.platform === chart.recommended) ?? null;
  const ordered = recommended ? [...chart.series.filter((s) => s !== recommended), recommended] : chart.series;
  const lines: ChartLine[] = ordered.map((s) => ({
    platform: s.platform,
    label: s.label,
    colour: PLATFORM_COLOURS[s.platform],
    width: s === recommended ? RECOMMENDED_LINE_WIDTH : LINE_WIDTH,
    dash: s.committed ? COMMITTED_DASH : s.kind === 'servers' ? SERVER_DASH : null,
    recommended: s === recommended,
    points: s.points.map((p) => [x(p.rps), lineY(p.monthlyUsd)]),
  }));

  const inRange = (rps: number) => rps > 0 && rps >= xMin / 1.000001 && rps <= xMax * 1.000001;
  const operatingPoints = inRange(chart.currentRps) ? placeOperatingPoints(ordered, recommended, x(chart.currentRps), yOf, plot) : [];
  const markers: RuleMarker[] = [];
  if (inRange(chart.currentRps)) markers.push(ruleMarker('you', x(chart.currentRps), `You: ${formatRate(chart.currentRps)}`, plot.y - 9, MARKER_COLOUR, null, null, plot));
  const committedRps = chart.committedBreakEvenRps ?? null;
  const withPlan = committedRps !== null ? ` (${formatRps(committedRps)} with the commitment)` : '';
  if (chart.breakEvenRps !== null && inRange(chart.breakEvenRps)) {
    const lambda = chart.series.find((s) => s.platform === 'aws-lambda');
    const crossing = lambda ? { x: x(chart.breakEvenRps), y: yOf(interpolate(lambda, chart.breakEvenRps)) } : null;
    markers.push(ruleMarker('break-even', x(chart.breakEvenRps), `Break-even: ${formatRps(chart.breakEvenRps)} req/s${withPlan}`, plot.y - 26, MUTED, '5 4', crossing, plot));
  }
  // The committed break-even: a dotted rule of its own, named in the on-demand one's label.
  if (committedRps !== null && inRange(committedRps)) {
    const lambda = chart.series.find((s) => s.platform === 'aws-lambda');
    const crossing = lambda ? { x: x(committedRps), y: yOf(interpolate(lambda, committedRps)) } : null;
    markers.push(ruleMarker('break-even', x(committedRps), '', plot.y - 26, MUTED, '2 3', crossing, plot));
  }

  const legendTop = bottom + 70;
  const legend = legendEntries(lines, legendTop);
  const legendRows = legend.length === 0 ? 0 : Math.max(...legend.map((e) => e.y)) - legendTop + 22;
  const notes = noteLines(chart, inRange, legendTop + legendRows + 4, WIDTH - 2 * 24);
  const height = (notes.at(-1)?.y ?? legendTop + legendRows - 12) + 20;
  return {
    width: WIDTH,
    height,
    title: 'Monthly cost as traffic grows',
    subtitle: `Same hourly shape, scaled; on-demand list prices before free tiers; dashed = servers${chart.series.some((s) => s.committed) ? '; dotted = committed' : ''}${operatingPoints.length ? '; dots = your traffic today' : ''}`,
    plot,
    xTicks: logTicks(xMin, xMax, x, formatRpsTick),
    yTicks: logTicks(yMin, yMax, y, formatUsdTick),
    xTitle: 'Average requests per second (log scale)',
    yTitle: 'Monthly cost, USD (log scale)',
    lines,
    operatingPoints,
    markers,
    legend,
    notes,
  };
}

/** Each line's cost at the current traffic; labels keep LABEL_GAP apart and inside the plot, in the order of their points. */
function placeOperatingPoints(ordered: readonly ChartSeries[], recommended: ChartSeries | null, px: number, yOf: (v: number) => number, plot: Box): OperatingPoint[] {
  const leftOfPoint = px > plot.x + plot.width * 0.78;
  const points: OperatingPoint[] = ordered.map((s) => ({
    platform: s.platform,
    colour: PLATFORM_COLOURS[s.platform],
    recommended: s === recommended,
    x: px,
    y: yOf(s.currentUsd),
    label: formatUsdRounded(s.currentUsd),
    labelX: leftOfPoint ? px - 12 : px + 12,
    labelY: yOf(s.currentUsd) + 4,
    anchor: leftOfPoint ? 'end' : 'start',
  }));
  const byHeight = [...points].sort((a, b) => a.labelY - b.labelY);
  const top = plot.y + LABEL_SIZE;
  const bottom = plot.y + plot.height - 4;
  for (let i = 0; i < byHeight.length; i++) {
    const above = byHeight[i - 1];
    byHeight[i]!.labelY = Math.max(byHeight[i]!.labelY, top, above ? above.labelY + LABEL_GAP : -Infinity);
  }
  // Pushed past the bottom: move the stack back up, keeping the gaps.
  for (let i = byHeight.length - 1; i >= 0; i--) {
    const below = byHeight[i + 1];
    byHeight[i]!.labelY = Math.min(byHeight[i]!.labelY, below ? below.labelY - LABEL_GAP : bottom);
  }
  return points;
}

function ruleMarker(kind: RuleMarker['kind'], x: number, label: string, labelY: number, colour: string, dash: string | null, point: RuleMarker['point'], plot: Box): RuleMarker {
  // Centred above its rule, kept within the plot's width.
  const half = textWidth(label, LABEL_SIZE, true) / 2;
  const labelX = Math.min(Math.max(x, plot.x + half), plot.x + plot.width - half);
  return { kind, x, label, labelX, labelY, colour, dash, point };
}

/** Log-log interpolation between the two chart points around `rps`: the lines are drawn straight between them. */
function interpolate(series: ChartSeries, rps: number): number {
  const points = series.points;
  const after = points.findIndex((p) => p.rps >= rps);
  if (after <= 0) return (points[after === 0 ? 0 : points.length - 1] ?? { monthlyUsd: MIN_USD }).monthlyUsd;
  const a = points[after - 1]!;
  const b = points[after]!;
  const t = Math.log(rps / a.rps) / Math.log(b.rps / a.rps);
  const ya = Math.log(Math.max(a.monthlyUsd, MIN_USD));
  const yb = Math.log(Math.max(b.monthlyUsd, MIN_USD));
  return Math.exp(ya + t * (yb - ya));
}

/** The recommended platform first, bold, on a row of its own; the others in two columns when their labels fit. */
function legendEntries(lines: readonly ChartLine[], top: number): LegendEntry[] {
  const column = (PLOT.right - PLOT.left) / 2;
  const others = lines.filter((l) => !l.recommended);
  const twoColumns = others.every((l) => 40 + textWidth(l.label, LABEL_SIZE) < column);
  const entry = (l: ChartLine, row: number, col: number): LegendEntry => ({
    platform: l.platform,
    label: l.recommended ? `${l.label} (recommended)` : l.label,
    colour: l.colour,
    width: l.width,
    dash: l.dash,
    bold: l.recommended,
    x: PLOT.left + col * column,
    y: top + row * 22,
  });
  const recommended = lines.filter((l) => l.recommended).map((l) => entry(l, 0, 0));
  const first = recommended.length;
  return [...recommended, ...others.map((l, i) => (twoColumns ? entry(l, first + Math.floor(i / 2), i % 2) : entry(l, first + i, 0)))];
}

/** Within this factor a thinner line disappears under the recommended one's heavier stroke. */
const HIDDEN_WITHIN = 1.1;

/** Lines drawn over by the recommended one for most of the chart: named, so the drawing hides nothing. */
function hiddenUnder(chart: CostChart): { strong: string; text: string }[] {
  const top = chart.series.find((s) => s.platform === chart.recommended);
  if (!top) return [];
  const topAt = new Map(top.points.map((p) => [p.rps, p.monthlyUsd]));
  const close = (rps: number, usd: number) => {
    const other = topAt.get(rps);
    return other !== undefined && Math.max(usd, other) <= HIDDEN_WITHIN * Math.max(Math.min(usd, other), MIN_USD);
  };
  return chart.series
    // Under a cent both print $0.00 and sit on the axis floor: nothing to point out.
    .filter((s) => s !== top && s.points.length > 0 && s.currentUsd >= 0.01)
    .filter((s) => s.points.filter((p) => close(p.rps, p.monthlyUsd)).length >= 0.8 * s.points.length)
    .map((s) => ({
      strong: `${s.label} runs under ${top.label}: `,
      text: `within 10% of it across most of the chart (${formatUsdRounded(s.currentUsd)} against ${formatUsdRounded(top.currentUsd)} at your traffic).`,
    }));
}

function noteLines(chart: CostChart, inRange: (rps: number) => boolean, top: number, width: number): NoteLine[] {
  const notes: { strong: string; text: string }[] = [];
  if (chart.breakEvenRps === null || !inRange(chart.breakEvenRps)) {
    notes.push({ strong: 'No break-even on this chart: ', text: chart.noBreakEven ?? `functions and servers cost the same at ${formatRps(chart.breakEvenRps ?? 0)} req/s, outside the range drawn.` });
  }
  for (const hidden of hiddenUnder(chart)) notes.push(hidden);
  for (const p of chart.unavailable) notes.push({ strong: `${p.label}: n/a, `, text: p.reason });
  const out: NoteLine[] = [];
  for (const note of notes) {
    const indent = textWidth(note.strong, LABEL_SIZE, true);
    wrapWords(note.text, width, LABEL_SIZE, indent).forEach((line, i) => {
      out.push({ y: top + out.length * NOTE_LINE, runs: i === 0 ? [{ text: note.strong, bold: true }, { text: line, bold: false }] : [{ text: line, bold: false }] });
    });
  }
  return out;
}
