import { AWS_PRICE_LIST_URL, AZURE_RETAIL_PRICES_URL } from '../../pricing/price-list-urls.js';
import type { ReadArgs } from './command-table.js';

// The words of `pricing refresh`, read apart from the command itself: reading
// arguments happens on every start, and the price-list readers (with the
// catalog validator) load only to run it.

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
