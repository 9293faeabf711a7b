import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';
import { pricingRows } from '../../render/pricing-rows.js';
import { formatPricingTable } from '../../render/pricing-table.js';
import type { TableFormat } from './build-command.js';
import { toCsv } from './csv.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';

// `serverless-fit pricing [--json | --csv]`: the catalog the costs come from,
// sized for the terminal, or whole for a script or a spreadsheet.

export interface PricingDeps {
  catalog: PricingCatalog;
  out: NodeJS.WritableStream;
  /** The terminal's width; 80 when the output is not a terminal. */
  columns: number;
}

export function runPricing(deps: PricingDeps, options: { format: TableFormat }): ExitCode {
  const { catalog } = deps;
  const rows = pricingRows(catalog);
  if (options.format === 'json') {
    const figures = rows.map((r) => ({ id: r.id, description: r.description, unit: r.unit, kind: r.kind, value: r.value, usd: r.usd, tiers: r.tiers, source: r.source, asOf: r.asOf, caveat: r.caveat }));
    deps.out.write(`${JSON.stringify({ version: catalog.version, asOf: catalog.asOf, currency: catalog.currency, region: catalog.region, figures }, null, 2)}\n`);
  } else if (options.format === 'csv') {
    deps.out.write(toCsv(['id', 'description', 'unit', 'kind', 'value', 'usd', 'source', 'as_of', 'caveat'], rows.map((r) => [r.id, r.description, r.unit, r.kind, r.value, r.usd, r.source, r.asOf, r.caveat])));
  } else {
    deps.out.write(`${formatPricingTable(catalog, Math.max(60, deps.columns))}\n`);
  }
  return EXIT_CODES.ok;
}
