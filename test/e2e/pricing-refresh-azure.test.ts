import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectRegion } from '../../src/core/pricing/select-region.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import { ROOT, runCliAsync } from './cli-harness.js';
import { startFakeAzureRetail, type AzureBreakage, type FakeAzureRetail } from './fakes/azure-retail-server.js';
import { pricingRefreshOptions, runPricingRefresh } from '../../src/adapters/cli/pricing-refresh-command.js';
import type { ReadArgs } from '../../src/adapters/cli/command-table.js';
import { PassThrough } from 'node:stream';

/** The command in this process (the bin's own code path after start-up), for the table of refusals. */
async function runHere(current: string, args: { from: string; regions: string[] }): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c: Buffer) => (o += c.toString('utf8')));
  err.on('data', (c: Buffer) => (e += c.toString('utf8')));
  const code = await runPricingRefresh({ catalog, catalogPath: current, fetch, now: () => new Date('2026-12-01T12:00:00Z'), out, err }, { cloud: 'azure', from: args.from, out: null, regions: args.regions });
  return { code, out: o, err: e };
}

// `serverless-fit pricing refresh --cloud azure` as people run it: the real
// bin against a local stand-in for the Azure Retail Prices API, serving a
// file written for this project in the API's shape, page by page. A good
// answer gives a catalog the schema loads, Azure Functions priced per region
// and a diff naming each changed price; a broken one is refused in one
// sentence and nothing is written.

const shipped = loadCatalog(DEFAULT_CATALOG_PATH);
if (!shipped.ok) throw new Error(shipped.error);
const catalog = shipped.catalog;
const fixture = (JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'azure', 'retail-prices-functions.json'), 'utf8')) as { items: { armRegionName: string; meterName: string; retailPrice: number }[] }).items;
/** The fixture's paid price of a meter in a region, per the unit the API states (per GB-s; per 10 executions). */
const paid = (region: string, meter: string) => fixture.find((i) => i.armRegionName === region && i.meterName === meter && i.retailPrice > 0)!.retailPrice;

const run = runCliAsync;

let dir: string;
let fake: FakeAzureRetail | null = null;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sf-azure-refresh-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setUp(name: string): Promise<{ folder: string; current: string; env: Record<string, string> }> {
  const folder = mkdtempSync(join(dir, `${name}-`));
  const current = join(folder, 'catalog.json');
  copyFileSync(DEFAULT_CATALOG_PATH, current);
  fake = await startFakeAzureRetail();
  return { folder, current, env: { SERVERLESS_FIT_PRICING: current, SERVERLESS_FIT_DB: join(folder, 'sf.db') } };
}

const REGIONS = 'eastus,northeurope,germanywestcentral';

describe('pricing refresh --cloud azure against a good answer', () => {
  it('writes a catalog the schema loads, with each region priced quantity-ready, and a diff naming each change', async () => {
    const { folder, current, env } = await setUp('good');
    const before = readFileSync(current, 'utf8');
    const result = await run(['pricing', 'refresh', '--cloud', 'azure', '--from', fake!.url, '--region', REGIONS], env);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(current, 'utf8')).toBe(before);
    const written = readdirSync(folder).filter((f) => /^catalog-\d{4}-\d{2}-\d{2}\.json$/.test(f));
    expect(written).toHaveLength(1);
    const loaded = loadCatalog(join(folder, written[0]!));
    if (!loaded.ok) throw new Error(loaded.error);
    const next = loaded.catalog;

    // Hand computation from the fixture: GB-s price as stated; executions are priced per 10, kept per 1M.
    const table: [string, number, number][] = [
      ['northeurope', paid('northeurope', 'Standard Execution Time'), (paid('northeurope', 'Standard Total Executions') / 10) * 1e6],
      ['germanywestcentral', paid('germanywestcentral', 'Standard Execution Time'), (paid('germanywestcentral', 'Standard Total Executions') / 10) * 1e6],
    ];
    for (const [region, gbSecond, perMillion] of table) {
      const prices = next.regions?.azure[region]?.prices?.functionsConsumption;
      expect(prices?.gbSecond.usd, region).toBeCloseTo(gbSecond, 12);
      expect(prices?.executions.usd, region).toBeCloseTo(perMillion, 9);
      expect(prices?.gbSecond.source).toContain(`${fake!.url}/api/retail/prices?$filter=`);
      expect(next.regions?.azure[region]?.name).toBe(catalog.regions?.azure[region]?.name);
    }
    // The home region's figures sit in the top-level places; its free grants and limits are kept.
    expect(next.azure.functionsConsumption.gbSecond.usd).toBe(paid('eastus', 'Standard Execution Time'));
    expect(next.azure.functionsConsumption.executions.usd).toBeCloseTo(0.2, 9);
    expect(next.azure.functionsConsumption.freeGbSeconds).toEqual(catalog.azure.functionsConsumption.freeGbSeconds);
    expect(next.aws).toEqual(catalog.aws);

    // Flex Consumption's on-demand pair, read the same way from its own meters; the always-ready meters are not priced.
    expect(next.azure.functionsFlex.gbSecond.usd).toBe(paid('eastus', 'On Demand Execution Time'));
    expect(next.azure.functionsFlex.executions.usd).toBeCloseTo((paid('eastus', 'On Demand Total Executions') / 10) * 1e6, 9);
    expect(next.azure.functionsFlex.executions.note).toContain('Flex Consumption meter "On Demand Total Executions"');
    expect(next.azure.functionsFlex.freeGbSeconds).toEqual(catalog.azure.functionsFlex.freeGbSeconds);
    expect(next.azure.functionsFlex.limits).toEqual(catalog.azure.functionsFlex.limits);
    const northFlex = next.regions?.azure.northeurope?.prices?.functionsFlex;
    expect(northFlex?.gbSecond.usd).toBe(paid('northeurope', 'On Demand Execution Time'));
    expect(northFlex?.executions.usd).toBeCloseTo((paid('northeurope', 'On Demand Total Executions') / 10) * 1e6, 9);
    // A region that lists no Flex meters does not offer the plan: no Flex prices are made up for it.
    expect(next.regions?.azure.germanywestcentral?.prices?.functionsFlex).toBeUndefined();
    expect(result.out).toContain('No Flex Consumption meters listed for germanywestcentral (the plan is not offered there): their Flex figures are kept as they were.');
    expect(result.out).toContain('Read 10 Azure Functions prices');

    const changed = result.out.split('\n').filter((l) => l.startsWith('  azure.'));
    expect(changed.map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      'azure.functionsConsumption.gbSecond $0.000016 -> $0.000018 per GB-s +12.5%',
      'azure.functionsFlex.gbSecond $0.000026 -> $0.000028 per GB-s +7.7%',
    ]);
    expect(result.out).toContain('Prices added for northeurope: 4 (it had none in the catalog in use).');
    expect(result.out).toContain('Prices added for germanywestcentral: 2 (it had none in the catalog in use).');

    // A Frankfurt workload's Azure comparison now uses Germany West Central's own prices, and says so.
    const frankfurt = selectRegion(next, 'eu-central-1');
    expect(frankfurt.catalog.azure.functionsConsumption.gbSecond.usd).toBeCloseTo(paid('germanywestcentral', 'Standard Execution Time'), 12);
    expect(frankfurt.pricing.clouds?.azure).toMatchObject({ nearest: 'germanywestcentral', priced: 'germanywestcentral', fallback: false });
    expect(frankfurt.pricing.comparison).toContain('Azure germanywestcentral (Germany West Central)');
    // Follows the pages: two items a page, four paid-and-free items a meter pair.
    expect(fake!.requests.filter((r) => r.includes('%24skip') || r.includes('$skip')).length).toBeGreaterThan(0);
  });
});

describe('pricing refresh --cloud azure refuses what it cannot use, and writes nothing', () => {
  const cases: [AzureBreakage, RegExp][] = [
    ['not-json', /The Azure Retail Prices page 1 for eastus at .+ is not valid JSON/],
    ['http-500', /answered HTTP 500/],
    ['no-items-field', /is not in the price list's shape: Items is missing/],
    ['missing-meter', /has no paid "Standard Total Executions" meter of Functions \(Consumption\)/],
    ['partial-flex', /has no paid "On Demand Total Executions" meter of Functions \(Flex Consumption\), though it lists "On Demand Execution Time"/],
    ['flex-two-prices', /the "On Demand Execution Time" meter for eastus has 2 different paid prices; refusing to choose one/],
    ['in-euros', /is in EUR, not USD/],
    ['endless-pages', /runs past 20 pages/],
    ['foreign-next-page', /points its next page at another host \(http:\/\/prices\.example\.invalid\)/],
  ];
  it.each(cases)('%s', async (how, says) => {
    const { folder, current, env } = await setUp(how);
    fake!.break(how);
    // The first through the real bin, the rest through the same command in this process (a spawn costs seconds).
    const result = how === 'not-json' ? await run(['pricing', 'refresh', '--cloud', 'azure', '--from', fake!.url, '--region', REGIONS], env) : await runHere(current, { from: fake!.url, regions: REGIONS.split(',') });
    expect(result.code).not.toBe(0);
    expect(result.out).toBe('');
    const lines = result.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Azure price list refused: /);
    expect(lines[0]).toMatch(says);
    expect(lines[0]).toMatch(/Nothing was written; the current catalog stays in use\.$/);
    expect(readdirSync(folder).filter((f) => f.startsWith('catalog-'))).toEqual([]);
  });

  it('flags it cannot use are answered with what it takes', async () => {
    const { env } = await setUp('flags');
    const result = await run(['pricing', 'refresh', '--cloud', 'gcp'], env);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/--cloud is aws \(the AWS Price List, the default\) or azure \(the Azure Retail Prices API\)/);
    const table: [Record<string, string>, string][] = [
      [{ cloud: 'azure', region: 'eu-central-1' }, '--region needs Azure region names, e.g. --region westeurope or --region westeurope,northeurope (got "eu-central-1").'],
      [{ cloud: 'aws', region: 'westeurope' }, '--region needs AWS region codes, e.g. --region eu-central-1 or --region eu-central-1,eu-west-1 (got "westeurope").'],
      [{ cloud: 'azure', from: 'prices.azure.com' }, '--from needs the price list\'s base URL, e.g. --from https://prices.azure.com (got "prices.azure.com").'],
    ];
    for (const [values, error] of table) expect(pricingRefreshOptions({ values, positionals: [] } as unknown as ReadArgs)).toEqual({ ok: false, error });
    expect(pricingRefreshOptions({ values: { cloud: 'azure' }, positionals: [] } as unknown as ReadArgs)).toEqual({ ok: true, options: { cloud: 'azure', from: 'https://prices.azure.com', out: null, regions: null } });
  });
});
