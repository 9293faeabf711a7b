import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';
import type { PriceChange } from '../../core/pricing/catalog-diff.js';
import { refreshCatalog } from '../../pricing/refresh-catalog.js';
import { refreshAzure } from '../../pricing/refresh-azure.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import type { PricingRefreshOptions } from './pricing-refresh-options.js';
import type { RefreshResult } from '../../pricing/refresh-catalog.js';

// `serverless-fit pricing refresh [--cloud aws|azure] [--from <url>] [--out <file>] [--region <code>[,<code>...]]`:
// reads the AWS Price List (or, with --cloud azure, the Azure Retail Prices API), writes a new dated catalog beside the one in use and prints
// what changed. The words after "refresh" are read here, as `assess --from`
// reads its own.

export { pricingRefreshOptions, type PricingRefreshOptions, type PricingRefreshParse } from './pricing-refresh-options.js';

export interface PricingRefreshDeps {
  catalog: PricingCatalog;
  catalogPath: string;
  fetch: typeof fetch;
  now: () => Date;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

const usd = (n: number | null) => (n === null ? '-' : `$${Number(n.toPrecision(6))}`);
const percent = (c: number | null) => (c === null ? 'new' : `${c > 0 ? '+' : ''}${(c * 100).toFixed(1)}%`);

/** Committed rates that appear or go away are summed up per plan; a changed price is listed on its own line. */
export function formatChanges(changes: readonly PriceChange[]): string[] {
  const planOnly = (c: PriceChange) => c.path.includes(':') && (c.oldUsd === null || c.newUsd === null);
  // A region priced for the first time: its prices are new, counted rather than listed one by one.
  const newRegion = (c: PriceChange) => c.oldUsd === null && /^regions\.(?:aws|azure)\.[^.]+\.prices\./.test(c.path);
  const added = new Map<string, number>();
  for (const c of changes.filter(newRegion)) {
    const region = c.path.split('.')[2]!;
    added.set(region, (added.get(region) ?? 0) + 1);
  }
  const listed = changes.filter((c) => !planOnly(c) && !newRegion(c));
  const plans = new Map<string, { added: number; removed: number }>();
  for (const c of changes.filter(planOnly)) {
    const plan = c.path.slice(0, c.path.indexOf(':')).replace(/\./g, ' ');
    const counts = plans.get(plan) ?? { added: 0, removed: 0 };
    if (c.oldUsd === null) counts.added++;
    else counts.removed++;
    plans.set(plan, counts);
  }
  const lines: string[] = [];
  if (listed.length === 0) lines.push('No price changed.');
  else {
    const width = Math.min(48, Math.max(...listed.map((c) => c.path.length)));
    lines.push(`${listed.length} price${listed.length === 1 ? '' : 's'} changed (price, old, new, change):`);
    for (const c of listed) lines.push(`  ${c.path.padEnd(width)}  ${usd(c.oldUsd)} -> ${usd(c.newUsd)} per ${c.unit}  ${c.oldUsd === null ? 'new' : c.newUsd === null ? 'removed' : percent(c.change)}`);
  }
  for (const [region, count] of added) lines.push(`Prices added for ${region}: ${count} (it had none in the catalog in use).`);
  for (const [plan, counts] of plans) {
    if (counts.added) lines.push(`Committed rates added: ${plan} (${counts.added} prices).`);
    if (counts.removed) lines.push(`Committed rates no longer published: ${plan} (${counts.removed} prices).`);
  }
  return lines;
}

export async function runPricingRefresh(deps: PricingRefreshDeps, options: PricingRefreshOptions): Promise<ExitCode> {
  const request = { current: deps.catalog, currentPath: deps.catalogPath, from: options.from, out: options.out, regions: options.regions };
  const result = await (options.cloud === 'azure' ? refreshAzure : refreshCatalog)(request, { fetch: deps.fetch, now: deps.now });
  if (!result.ok) {
    deps.err.write(`${result.error}\n`);
    return EXIT_CODES.failed;
  }
  const lines = options.cloud === 'azure' ? azureLines(result, deps, options) : [
    `Read ${result.prices} prices for ${result.regions.length} region${result.regions.length === 1 ? '' : 's'} (${result.regions.join(', ')}) from ${result.offers} AWS price lists each at ${options.from}, and ${result.committedRates} committed rates (Savings Plans and standard Reserved Instances).`,
    `Wrote ${result.path} (catalog ${result.catalog.version}); ${deps.catalogPath} is unchanged and still the one in use.`,
    ...formatChanges(result.changes),
    `Kept as they were (not in the AWS price list): free tiers, limits, provisioned concurrency, ephemeral storage, and the Google Cloud, Azure and Cloudflare prices (a region priced for the first time takes them from the home region, and each says so in its note).`,
    `To use it: SERVERLESS_FIT_PRICING=${result.path} serverless-fit ...`,
  ];
  deps.out.write(`${lines.join('\n')}\n`);
  return EXIT_CODES.ok;
}

function azureLines(result: Extract<RefreshResult, { ok: true }>, deps: PricingRefreshDeps, options: PricingRefreshOptions): string[] {
  const withoutFlex = result.withoutFlex ?? [];
  return [
    `Read ${result.prices} Azure Functions prices (execution time and executions, Consumption and Flex Consumption on demand) for ${result.regions.length} region${result.regions.length === 1 ? '' : 's'} (${result.regions.join(', ')}) from the Azure Retail Prices API at ${options.from}.`,
    `Wrote ${result.path} (catalog ${result.catalog.version}); ${deps.catalogPath} is unchanged and still the one in use.`,
    ...formatChanges(result.changes),
    ...(withoutFlex.length ? [`No Flex Consumption meters listed for ${withoutFlex.join(', ')} (the plan is not offered there): their Flex figures are kept as they were.`] : []),
    'Kept as they were: the free grants, limits and Flex always-ready figures (the catalog does not price them), and every AWS, Google Cloud and Cloudflare price.',
    `To use it: SERVERLESS_FIT_PRICING=${result.path} serverless-fit ...`,
  ];
}
