import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILY as FONT_FAMILY, svgToPng, vegaLiteToSvg } from './vega-png.js';
import type { Digest } from '../core/digest/digest-types.js';
import { formatUsd } from '../core/format.js';

// The digest's small chart: the week's recommended monthly cost by platform,
// as horizontal bars. Drawn like the card chart (vega-lite -> SVG -> resvg
// PNG on white); only worth drawing when the money went to two or more places.

export const DIGEST_CHART_FILE_NAME = 'digest-chart.png';
const BAR_COLOUR = '#3B6FB6';

export function digestChartSpec(digest: Digest): TopLevelSpec | null {
  const rows = digest.figures.byPlatform.filter((p) => p.monthlyUsd > 0).map((p) => ({ platform: p.platform, usd: p.monthlyUsd, label: formatUsd(p.monthlyUsd) }));
  if (rows.length < 2) return null;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 520,
    height: Math.max(80, rows.length * 32),
    padding: 16,
    background: '#FFFFFF',
    title: { text: 'Recommended monthly cost by platform', subtitle: digest.label, anchor: 'start', fontSize: 16, subtitleFontSize: 12, subtitleColor: '#555555' },
    data: { values: rows },
    encoding: {
      y: { field: 'platform', type: 'nominal', sort: { field: 'usd', order: 'descending' }, title: null },
      x: { field: 'usd', type: 'quantitative', title: 'USD per month', axis: { format: '$,.0f' } },
    },
    layer: [
      { mark: { type: 'bar', color: BAR_COLOUR } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 12, color: '#222222' }, encoding: { text: { field: 'label' } } },
    ],
    config: { font: FONT_FAMILY, view: { stroke: null }, axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#333333', gridColor: '#E3E3E3' } },
  } as TopLevelSpec;
}

/** The chart as a PNG, or null when the week has fewer than two priced platforms. */
export async function renderDigestChart(digest: Digest): Promise<Buffer | null> {
  const spec = digestChartSpec(digest);
  if (!spec) return null;
  return svgToPng(await vegaLiteToSvg(spec));
}
