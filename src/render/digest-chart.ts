import type { Digest } from '../core/digest/digest-types.js';
import { formatCountRounded, formatUsdRounded } from '../core/format.js';
import { el, svgDocument, text, textWidth } from './svg.js';
import { svgToPng } from './svg-png.js';

// The digest's small chart: the week's recommended monthly cost by platform,
// as horizontal bars, most expensive first. Drawn like the card chart (SVG by
// hand -> resvg PNG on white); only worth drawing when the money went to two
// or more places.

export const DIGEST_CHART_FILE_NAME = 'digest-chart.png';
const BAR_COLOUR = '#3B6FB6';
const WIDTH = 780;
const TOP = 78;
const ROW = 32;
const BAR = 26;
const PLOT_WIDTH = 520;

/** The chart as SVG, or null when the week has fewer than two priced platforms. */
export function digestChartSvg(digest: Digest): string | null {
  const rows = digest.figures.byPlatform.filter((p) => p.monthlyUsd > 0).sort((a, b) => b.monthlyUsd - a.monthlyUsd);
  if (rows.length < 2) return null;
  const left = 24 + Math.max(...rows.map((r) => textWidth(r.platform, 13))) + 12;
  const max = rows[0]!.monthlyUsd;
  const step = niceStep(max / 5);
  const axisMax = Math.ceil(max / step) * step;
  const x = (usd: number) => left + (usd / axisMax) * PLOT_WIDTH;
  const bottom = TOP + rows.length * ROW;
  const parts: string[] = [
    text(24, 32, { size: 18, colour: '#000000', bold: true }, { text: 'Recommended monthly cost by platform' }),
    text(24, 54, { size: 12.5, colour: '#555555' }, { text: digest.label }),
  ];
  for (let v = 0; v <= axisMax + step / 2; v += step) {
    parts.push(el('line', { x1: x(v), y1: TOP - 4, x2: x(v), y2: bottom, stroke: '#E3E3E3' }));
    parts.push(text(x(v), bottom + 18, { size: 12, colour: '#333333', anchor: 'middle' }, { text: `$${formatWhole(v)}` }));
  }
  rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    parts.push(text(left - 10, y + BAR / 2 + 5, { size: 13, colour: '#333333', anchor: 'end' }, { text: r.platform }));
    parts.push(el('rect', { class: 'bar', x: left, y, width: Math.max(x(r.monthlyUsd) - left, 1), height: BAR, fill: BAR_COLOUR }));
    parts.push(text(x(r.monthlyUsd) + 5, y + BAR / 2 + 5, { size: 12.5, colour: '#222222' }, { text: formatUsdRounded(r.monthlyUsd) }));
  });
  parts.push(el('line', { x1: left, y1: TOP - 4, x2: left, y2: bottom, stroke: '#888888' }));
  parts.push(text(left + PLOT_WIDTH / 2, bottom + 40, { size: 12.5, colour: '#000000', bold: true, anchor: 'middle' }, { text: 'USD per month' }));
  const width = Math.max(WIDTH, left + PLOT_WIDTH + 110);
  return svgDocument(width, bottom + 56, ...parts);
}

/** The chart as a PNG, or null when the week has fewer than two priced platforms. */
export async function renderDigestChart(digest: Digest): Promise<Buffer | null> {
  const svg = digestChartSvg(digest);
  return svg === null ? null : svgToPng(svg);
}

/** 1, 2 or 5 times a power of ten: ticks a person reads at a glance. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function formatWhole(v: number): string {
  return v >= 1 ? formatCountRounded(v) : String(Number(v.toPrecision(2)));
}
