import type { PricingCatalog } from '../core/pricing/catalog-schema.js';
import { pricingRows, type PricingRow } from './pricing-rows.js';
import { wrap } from './wrap-text.js';

// The catalog for `serverless-fit pricing`, within a terminal's width (80
// columns unless told otherwise): figures grouped by service, each with what
// it is, and the sources listed once at the end as numbered references.

export function formatPricingTable(catalog: PricingCatalog, width = 80): string {
  const rows = pricingRows(catalog);
  const sources = [...new Set(rows.map((r) => r.source))];
  const keyOf = (r: PricingRow) => r.id.split('.').slice(2).join('.');
  const keyWidth = Math.min(26, Math.max(...rows.map((r) => keyOf(r).length)));
  const indent = ' '.repeat(2 + keyWidth + 2);
  const textWidth = Math.max(30, width - indent.length);

  const out = [`Pricing catalog ${catalog.version}, as of ${catalog.asOf}`, ...wrap(`${catalog.currency}, ${catalog.region}`, width), ''];
  let group = '';
  for (const row of rows) {
    const rowGroup = row.id.split('.').slice(0, 2).join('.');
    if (rowGroup !== group) {
      if (group) out.push('');
      out.push(rowGroup);
      group = rowGroup;
    }
    const asOf = row.asOf === catalog.asOf ? '' : ` (as of ${row.asOf})`;
    const figure = wrap(`${phrase(row)}${row.caveat ? ' *' : ''} [${sources.indexOf(row.source) + 1}]${asOf}`, textWidth);
    const described = row.description ? wrap(row.description, textWidth) : [];
    const key = keyOf(row);
    const lines = [...figure, ...described].map((l) => `${indent}${l}`);
    if (key.length <= keyWidth) lines[0] = `  ${key.padEnd(keyWidth)}  ${lines[0]?.trimStart() ?? ''}`;
    else lines.unshift(`  ${key}`);
    out.push(...lines);
  }
  // A URL cannot wrap: one too long for its line starts the next one, unindented.
  out.push('', 'Sources', ...sources.flatMap((s, i) => (`  [${i + 1}] ${s}`.length <= width ? [`  [${i + 1}] ${s}`] : [`  [${i + 1}]`, s])));
  const caveats = rows.filter((r) => r.caveat !== null).flatMap((r) => wrap(`* ${r.id}: ${r.caveat}`, width));
  if (caveats.length) out.push('', ...caveats);
  out.push('', ...wrap(`${rows.length} figures. Prices are on-demand list prices; check the source before relying on one. serverless-fit pricing --csv has every column.`, width));
  return out.join('\n');
}

/** The figure with its unit, as a sentence fragment: "$0.20 per 1M requests", "limit 900 s". */
export function phrase(row: PricingRow): string {
  switch (row.kind) {
    case 'price':
      return row.unit ? `${row.value} per ${row.unit}` : row.value;
    case 'tiers':
      return `per ${row.unit}: ${row.value}`;
    case 'included':
      return `${row.value} ${row.unit} included`.replace(/\s+/g, ' ');
    case 'limit':
      return `limit ${row.value} ${row.unit}`.trimEnd();
    case 'steps':
      return row.value;
    case 'sizes':
      return `sizes ${row.value}`;
    case 'ceiling':
      return `Spot ${row.value}`;
  }
}
