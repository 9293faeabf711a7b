import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog, type PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import { DEFAULT_CATALOG_PATH } from '../../src/pricing/load-catalog.js';

// A price list that lands after the shipped one, derived from it in the test
// (never a file kept beside it): AWS Lambda 20 times dearer and EC2 10% dearer,
// everything else as shipped. Enough to flip steady functions work to servers
// and to move a servers price by a few dollars.

export const REPRICED_VERSION = '2027-01-15.1';
export const REPRICED_AS_OF = '2027-01-15';

export function repricedCatalogJson(): Record<string, unknown> {
  const shipped = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8')) as { aws: Record<string, unknown> } & Record<string, unknown>;
  return {
    ...shipped,
    version: REPRICED_VERSION,
    asOf: REPRICED_AS_OF,
    aws: { ...shipped.aws, lambda: scaleUsd(shipped.aws.lambda, 20), ec2: scaleUsd(shipped.aws.ec2, 1.1) },
  };
}

export function repricedCatalog(): PricingCatalog {
  const parsed = parseCatalog(repricedCatalogJson());
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.catalog;
}

/** Writes the catalog into `dir` and returns its path. */
export function writeRepricedCatalog(dir: string): string {
  const file = join(dir, `catalog-${REPRICED_AS_OF}.json`);
  writeFileSync(file, `${JSON.stringify(repricedCatalogJson(), null, 2)}\n`);
  return file;
}

/** Every `usd` figure under `node` (single prices and tiers) times `factor`. */
function scaleUsd(node: unknown, factor: number): unknown {
  if (Array.isArray(node)) return node.map((item) => scaleUsd(item, factor));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'usd' && typeof value === 'number' ? value * factor : scaleUsd(value, factor)]));
}
