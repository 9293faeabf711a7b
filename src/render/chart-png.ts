import type { CostChart } from '../core/cost/cost-types.js';
import { costChartDrawing, MUTED, type ChartDrawing, type ChartLine } from './chart-layout.js';
import { el, svgDocument, text } from './svg.js';
import { svgToPng, type ChartFonts } from './svg-png.js';

// The cost-vs-traffic chart as a PNG for the chat adapters to attach: the
// drawing from chart-layout.ts written out as SVG, rasterised by resvg.

export interface ChartRenderOptions {
  /** 'system' (default) loads installed fonts; 'none' renders without any (text is dropped, the PNG still comes out). */
  fonts?: ChartFonts;
}

const GRID = '#E3E3E3';
const FRAME = '#BBBBBB';
const INK = '#222222';
const TICK_TEXT = '#333333';

export function chartSvg(chart: CostChart): string {
  return drawingSvg(costChartDrawing(chart));
}

export async function renderCostChart(chart: CostChart, options: ChartRenderOptions = {}): Promise<Buffer> {
  return svgToPng(chartSvg(chart), options.fonts ?? 'system');
}

export function drawingSvg(d: ChartDrawing): string {
  const { plot } = d;
  const bottom = plot.y + plot.height;
  const right = plot.x + plot.width;
  const parts: string[] = [
    text(24, 30, { size: 20, colour: '#000000', bold: true }, { text: d.title }),
    text(24, 52, { size: 12.5, colour: MUTED }, { text: d.subtitle }),
    el('defs', {}, el('clipPath', { id: 'plot' }, el('rect', { x: plot.x, y: plot.y, width: plot.width, height: plot.height }))),
  ];
  for (const t of d.xTicks) parts.push(el('line', { x1: t.at, y1: plot.y, x2: t.at, y2: bottom, stroke: GRID }));
  for (const t of d.yTicks) parts.push(el('line', { x1: plot.x, y1: t.at, x2: right, y2: t.at, stroke: GRID }));
  parts.push(el('rect', { x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: 'none', stroke: FRAME }));
  for (const t of d.xTicks) parts.push(text(t.at, bottom + 18, { size: 12, colour: TICK_TEXT, anchor: 'middle' }, { text: t.label }));
  for (const t of d.yTicks) parts.push(text(plot.x - 8, t.at + 4, { size: 12, colour: TICK_TEXT, anchor: 'end' }, { text: t.label }));
  parts.push(text(plot.x + plot.width / 2, bottom + 42, { size: 13, colour: INK, bold: true, anchor: 'middle' }, { text: d.xTitle }));
  parts.push(
    el('g', { transform: `translate(22 ${plot.y + plot.height / 2}) rotate(-90)` }, text(0, 0, { size: 13, colour: INK, bold: true, anchor: 'middle' }, { text: d.yTitle })),
  );

  // Rules under the lines, their labels above the plot where no line can cover them.
  for (const m of d.markers) {
    parts.push(el('line', { class: `marker ${m.kind}`, x1: m.x, y1: plot.y, x2: m.x, y2: bottom, stroke: m.colour, 'stroke-width': 1.5, 'stroke-dasharray': m.dash ?? undefined }));
    parts.push(text(m.labelX, m.labelY, { size: 12, colour: m.colour, bold: true, anchor: 'middle' }, { text: m.label }));
  }
  parts.push(el('g', { 'clip-path': 'url(#plot)' }, ...d.lines.flatMap(linePaths)));
  for (const m of d.markers) {
    if (m.point) parts.push(el('path', { class: `crossing ${m.kind}`, d: diamond(m.point.x, m.point.y, 6), fill: '#FFFFFF', stroke: m.colour, 'stroke-width': 2 }));
  }
  for (const p of d.operatingPoints) {
    // A short leader when the label had to move away from its point.
    if (Math.abs(p.labelY - 4 - p.y) > 5) {
      const towards = p.anchor === 'start' ? 1 : -1;
      parts.push(el('line', { x1: p.x + towards * 5, y1: p.y, x2: p.labelX - towards * 2, y2: p.labelY - 4, stroke: p.colour, 'stroke-width': 1 }));
    }
    parts.push(el('circle', { class: `operating-point ${p.platform}`, cx: p.x, cy: p.y, r: p.recommended ? 5.5 : 4.5, fill: p.colour, stroke: '#FFFFFF', 'stroke-width': 1.5 }));
  }
  for (const p of d.operatingPoints) {
    parts.push(text(p.labelX, p.labelY, { size: 12, colour: p.colour, bold: p.recommended, anchor: p.anchor, halo: true }, { text: p.label }));
  }
  for (const e of d.legend) {
    parts.push(el('line', { class: `swatch ${e.platform}`, x1: e.x, y1: e.y - 4, x2: e.x + 30, y2: e.y - 4, stroke: e.colour, 'stroke-width': e.width, 'stroke-dasharray': e.dash ?? undefined }));
    parts.push(text(e.x + 38, e.y, { size: 12, colour: INK, bold: e.bold }, { text: e.label }));
  }
  for (const n of d.notes) parts.push(text(24, n.y, { size: 12, colour: INK }, ...n.runs));
  return svgDocument(d.width, d.height, ...parts);
}

/** The recommended line gets a white casing first, so it reads on top where lines overlap. */
function linePaths(line: ChartLine): string[] {
  const path = line.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`).join(' ');
  const stroke = { d: path, fill: 'none', 'stroke-linejoin': 'round', 'stroke-linecap': line.dash ? 'butt' : 'round' } as const;
  const casing = line.recommended ? [el('path', { ...stroke, stroke: '#FFFFFF', 'stroke-width': line.width + 4 })] : [];
  return [
    ...casing,
    el('path', { ...stroke, class: `series ${line.platform}${line.recommended ? ' recommended' : ''}`, stroke: line.colour, 'stroke-width': line.width, 'stroke-dasharray': line.dash ?? undefined }),
  ];
}

function diamond(x: number, y: number, r: number): string {
  return `M${x} ${y - r} L${x + r} ${y} L${x} ${y + r} L${x - r} ${y} Z`;
}
