import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';
import type { PriceChange } from '../../core/pricing/catalog-diff.js';
import { AWS_PRICE_LIST_URL, refreshCatalog } from '../../pricing/refresh-catalog.js';
import { AZURE_RETAIL_PRICES_URL, refreshAzure } from '../../pricing/refresh-azure.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import type { ReadArgs } from './command-table.js';
import type { RefreshResult } from '../../pricing/refresh-catalog.js';

// `serverless-fit pricing refresh [--cloud aws|azure] [--from <url>] [--out <file>] [--region <code>[,<code>...]]`:
// reads the AWS Price List (or, with --cloud azure, the Azure Retail Prices API), writes a new dated catalog beside the one in use and prints
// what changed. The words after "refresh" are read here, as `assess --from`
// reads its own.

export interface PricingRefreshOptions {
  /** Whose public price list to read. */
  cloud: 'aws' | 'azure';
  from: string;
  out: string | null;
  /** The regions to read, in that cloud's own codes; null = the ten where most workloads run (for Azure, the regions nearest them). */
  regions: string[] | null;
}

export type PricingRefreshParse = { ok: true; options: PricingRefreshOptions } | { ok: false; error: string };

/** The flags and words of `pricing refresh`, as the command table's reader read them. */
export function pricingRefreshOptions(args: ReadArgs): PricingRefreshParse {
  const { values, positionals } = args;
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  if (positionals.length) return { ok: false, error: `pricing refresh takes no words (got: ${positionals.join(' ')}).` };
  const cloud = text('cloud') ?? 'aws';
  if (cloud !== 'aws' && cloud !== 'azure') return { ok: false, error: `--cloud is aws (the AWS Price List, the default) or azure (the Azure Retail Prices API) (got "${cloud}").` };
  const home = cloud === 'aws' ? AWS_PRICE_LIST_URL : AZURE_RETAIL_PRICES_URL;
  const options: PricingRefreshOptions = { cloud, from: home, out: null, regions: null };
  const from = text('from');
  if (from !== undefined) {
    if (!/^https?:\/\/[^\s/]+/.test(from)) return { ok: false, error: `--from needs the price list's base URL, e.g. --from ${home} (got "${from}").` };
    options.from = from;
  }
  const out = text('out');
  if (out !== undefined) {
    if (!out) return { ok: false, error: '--out needs a file to write, e.g. --out data/pricing/catalog-new.json.' };
    options.out = out;
  }
  const region = text('region');
  if (region !== undefined) {
    const codes = region.split(',').map((r) => r.trim()).filter(Boolean);
    const code = cloud === 'aws' ? /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/ : /^[a-z]+[a-z0-9]*$/;
    const bad = codes.find((r) => !code.test(r));
    const example = cloud === 'aws' ? 'AWS region codes, e.g. --region eu-central-1 or --region eu-central-1,eu-west-1' : 'Azure region names, e.g. --region westeurope or --region westeurope,northeurope';
    if (!codes.length || bad !== undefined) return { ok: false, error: `--region needs ${example} (got "${bad ?? region}").` };
    options.regions = codes;
  }
  return { ok: true, options };
}

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
