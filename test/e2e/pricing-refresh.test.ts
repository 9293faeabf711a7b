import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import { runCliAsync } from './cli-harness.js';
import { FAKE_RI, fakeRegionFiles, type FakePrices } from './fakes/price-list-files.js';
import { startFakeRegionalPriceList, type Breakage, type FakePriceList } from './fakes/price-list-server.js';

// `serverless-fit pricing refresh` as people run it: the real bin, against a
// local price-list server serving hand-written files in the AWS Price List
// shape. A good list gives a new dated catalog that loads through the schema
// and a diff naming each changed price; a broken one is refused in one
// sentence and nothing is written.

const shipped = loadCatalog(DEFAULT_CATALOG_PATH);
if (!shipped.ok) throw new Error(shipped.error);
const catalog = shipped.catalog;

/** Made-up prices, so the diff has something to name. */
const CHANGED: FakePrices = {
  'aws.lambda.requests': 0.25,
  'aws.ec2.instances.t3.medium': 0.05,
  'aws.fargate.x86VcpuHour': 0.05,
  'aws.lambda.computeX86': [
    { upTo: 6e9, usd: 0.00002 },
    { upTo: 15e9, usd: 0.000015 },
    { upTo: null, usd: 0.0000133334 },
  ],
};

const run = runCliAsync;

let dir: string;
let current: string;
let env: Record<string, string>;
let fake: FakePriceList | null = null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sf-refresh-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setUp(name: string, prices: FakePrices = CHANGED, drop?: (p: { attributes: Record<string, string> }) => boolean): Promise<string> {
  const folder = mkdtempSync(join(dir, `${name}-`));
  current = join(folder, 'catalog.json');
  copyFileSync(DEFAULT_CATALOG_PATH, current);
  env = { SERVERLESS_FIT_PRICING: current, SERVERLESS_FIT_DB: join(folder, 'sf.db') };
  // The home region gets the test's prices (and its gaps); the other nine the catalog's figures.
  const regions = fakeRegionFiles(catalog, { 'us-east-1': prices });
  const home = fakeRegionFiles(catalog, { 'us-east-1': prices }, ['us-east-1'], drop);
  fake = await startFakeRegionalPriceList(new Map([...regions, ...home]));
  return folder;
}

describe('pricing refresh against a good price list', () => {
  it('writes a dated catalog beside the one in use, prints each changed price, and leaves the current one alone', async () => {
    const folder = await setUp('good');
    const before = readFileSync(current, 'utf8');
    const result = await run(['pricing', 'refresh', '--from', fake!.url], env);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const written = readdirSync(folder).filter((f) => /^catalog-\d{4}-\d{2}-\d{2}\.json$/.test(f));
    expect(written).toHaveLength(1);
    expect(readFileSync(current, 'utf8')).toBe(before);

    const loaded = loadCatalog(join(folder, written[0]!));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.catalog.version).toMatch(/^\d{4}-\d{2}-\d{2}\.refresh$/);
    expect(loaded.catalog.aws.lambda.requests).toMatchObject({ usd: 0.25, effective: '2026-12-01', source: `${fake!.url}/offers/v1.0/aws/AWSLambda/20261201000000/us-east-1/index.json` });
    expect(loaded.catalog.aws.ec2.instances['t3.medium']?.usd).toBe(0.05);
    // What the price list does not carry is kept, with its own source.
    expect(loaded.catalog.aws.lambda.freeRequests).toEqual(catalog.aws.lambda.freeRequests);
    expect(loaded.catalog.gcp).toEqual(catalog.gcp);

    const changed = result.out.split('\n').filter((l) => l.startsWith('  aws.'));
    expect(changed.map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      'aws.lambda.requests $0.2 -> $0.25 per 1M requests +25.0%',
      'aws.lambda.computeX86.tiers.0 $0.0000166667 -> $0.00002 per GB-s +20.0%',
      'aws.fargate.x86VcpuHour $0.04048 -> $0.05 per vCPU-hour +23.5%',
      'aws.ec2.instances.t3.medium $0.0416 -> $0.05 per instance-hour +20.2%',
    ]);
    expect(result.out).toContain('4 prices changed (price, old, new, change):');
    expect(result.out).toMatch(/^Committed rates added: compute-savings-plan 1yr no-upfront \(\d+ prices\)\.$/m);
    expect(result.out).toContain(`SERVERLESS_FIT_PRICING=${join(folder, written[0]!)}`);
  });

  it('the new catalog prices an assessment when SERVERLESS_FIT_PRICING selects it', async () => {
    const folder = await setUp('use');
    const out = join(folder, 'refreshed.json');
    expect((await run(['pricing', 'refresh', '--from', fake!.url, '--out', out], env)).code).toBe(0);
    const assessed = await run(['assess', '--json', '--assume-defaults', 'REST API, 100 rps, 100 ms'], { ...env, SERVERLESS_FIT_PRICING: out });
    expect(assessed.code).toBe(0);
    const json = JSON.parse(assessed.out) as { pricing: { version: string }; costs: { platform: string; lines: { priceRef: string; unitPriceUsd: number; quantity: number; amountUsd: number }[] }[] };
    expect(json.pricing.version).toMatch(/\.refresh$/);
    const requests = json.costs.find((c) => c.platform === 'aws-lambda')?.lines.find((l) => l.priceRef === 'aws.lambda.requests');
    expect(requests?.unitPriceUsd).toBe(0.25);
    expect(requests?.amountUsd).toBeCloseTo(requests!.quantity * 0.25, 9);
  });

  it('fills the committed rates from the Savings Plans price list, and an assessment asking for one uses them', async () => {
    const folder = await setUp('plans');
    const out = join(folder, 'refreshed.json');
    const result = await run(['pricing', 'refresh', '--from', fake!.url, '--out', out], env);
    expect(result.code).toBe(0);
    const loaded = loadCatalog(out);
    if (!loaded.ok) throw new Error(loaded.error);
    const oneYear = loaded.catalog.commitments?.find((c) => c.term === '1yr');
    expect(loaded.catalog.commitments?.map((c) => [c.plan, c.term, c.payment])).toEqual([
      ['compute-savings-plan', '1yr', 'no-upfront'],
      ['compute-savings-plan', '3yr', 'no-upfront'],
      ['reserved-instances', '1yr', 'no-upfront'],
      ['reserved-instances', '3yr', 'all-upfront'],
    ]);
    // The fake plan charges 80% of each (fake) on-demand price for one year: per service, never one percent for all.
    expect(oneYear?.rates['aws.fargate.x86VcpuHour']).toBeCloseTo(0.05 * 0.8, 12);
    expect(oneYear?.rates['aws.ec2.instances.t3.medium']).toBeCloseTo(0.05 * 0.8, 12);
    expect(oneYear?.rates['aws.lambda.computeX86']).toBeCloseTo(0.00002 * 0.8, 12);
    expect(oneYear?.rates['aws.lambda.requests']).toBeUndefined();
    expect(oneYear?.source).toBe(`${fake!.url}/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20261201000000/us-east-1/index.json`);

    const text = 'REST API, 1000 rps 24/7, 100 ms, 1 GB';
    const plain = await run(['assess', '--json', '--assume-defaults', text], { ...env, SERVERLESS_FIT_PRICING: out });
    const planned = await run(['assess', '--json', '--assume-defaults', `${text}, with a 1-year savings plan`], { ...env, SERVERLESS_FIT_PRICING: out });
    const [before, after] = [plain, planned].map((r) => JSON.parse(r.out) as { breakEven: { averageRps: number }; commitment: { applied: boolean; breakEven: { averageRps: number }; costs: { platform: string; monthlyUsd: number }[] } | null; costs: { platform: string; monthlyUsd: number }[] });
    expect(before!.commitment).toBeNull();
    expect(after!.commitment?.applied).toBe(true);
    expect(after!.costs).toEqual(before!.costs);
    for (const row of after!.commitment!.costs) expect(row.monthlyUsd).toBeLessThan(after!.costs.find((c) => c.platform === row.platform)!.monthlyUsd);
    expect(after!.commitment!.breakEven.averageRps).not.toBe(before!.breakEven.averageRps);
  });

  it('fills standard Reserved Instance rates from the EC2 offer file (hourly fee plus upfront over the term), and an assessment asking for them uses them', async () => {
    const folder = await setUp('reserved');
    const out = join(folder, 'refreshed.json');
    expect((await run(['pricing', 'refresh', '--from', fake!.url, '--out', out], env)).code).toBe(0);
    const loaded = loadCatalog(out);
    if (!loaded.ok) throw new Error(loaded.error);
    const ri = (term: string) => loaded.catalog.commitments?.find((c) => c.plan === 'reserved-instances' && c.term === term);
    // Hand computation from the fake offerings: 1 year no upfront = 0.6 x on-demand an hour; 3 years all upfront = 0.4 x on-demand x 26,280 h / 26,280 h.
    const types = Object.keys(loaded.catalog.aws.ec2.instances);
    for (const type of types) {
      const od = loaded.catalog.aws.ec2.instances[type]!.usd;
      expect(ri('1yr')?.rates[`aws.ec2.instances.${type}`], type).toBeCloseTo(od * FAKE_RI.oneYearNoUpfront, 10);
      expect(ri('3yr')?.rates[`aws.ec2.instances.${type}`], type).toBeCloseTo(od * FAKE_RI.threeYearAllUpfront, 10);
    }
    // The convertible offering (made up at 0.7) is not a standard Reserved Instance and never appears.
    expect(loaded.catalog.commitments?.filter((c) => c.plan === 'reserved-instances')).toHaveLength(2);
    expect(Object.keys(ri('1yr')!.rates).every((path) => path.startsWith('aws.ec2.instances.'))).toBe(true);

    const assessed = await run(['assess', '--json', '--assume-defaults', 'REST API, 1000 rps 24/7, 100 ms, 1 year reserved instances'], { ...env, SERVERLESS_FIT_PRICING: out });
    expect(assessed.code).toBe(0);
    const json = JSON.parse(assessed.out) as { commitment: { plan: string; applied: boolean; costs: { platform: string; lines: { priceRef: string; unitPriceUsd: number; quantity: number; amountUsd: number }[] }[] } };
    expect(json.commitment).toMatchObject({ plan: 'reserved-instances', applied: true });
    const ec2 = json.commitment.costs.find((c) => c.platform === 'aws-ec2')!;
    const line = ec2.lines.find((l) => l.priceRef.startsWith('aws.ec2.instances.'))!;
    expect(line.unitPriceUsd).toBeCloseTo(ri('1yr')!.rates[line.priceRef]!, 12);
    expect(line.amountUsd).toBeCloseTo(line.quantity * line.unitPriceUsd, 6);
  });

  it('a workspace\'s standing commitment prices the next assessment with exactly that term and payment, or says the rate is missing', async () => {
    const folder = await setUp('standing');
    const out = join(folder, 'refreshed.json');
    expect((await run(['pricing', 'refresh', '--from', fake!.url, '--out', out], env)).code).toBe(0);
    const loaded = loadCatalog(out);
    if (!loaded.ok) throw new Error(loaded.error);
    const refreshed = { ...env, SERVERLESS_FIT_PRICING: out };
    const set = await run(['settings', 'commitment', '3yr', 'RI', 'all', 'upfront'], refreshed);
    expect(set.code).toBe(0);
    expect(set.out).toContain("This workspace's standing commitment is now 3-year Reserved Instances, all upfront");
    type Json = { commitment: { plan: string; term: string; payment: string; from: string; applied: boolean; sentence: string; costs: { platform: string; lines: { priceRef: string; unitPriceUsd: number; quantity: number; amountUsd: number }[] }[] } };
    const assessed = JSON.parse((await run(['assess', '--json', '--assume-defaults', 'REST API, 1000 rps 24/7, 100 ms'], refreshed)).out) as Json;
    expect(assessed.commitment).toMatchObject({ plan: 'reserved-instances', term: '3yr', payment: 'all-upfront', from: 'workspace', applied: true });
    const rates = loaded.catalog.commitments!.find((c) => c.plan === 'reserved-instances' && c.term === '3yr' && c.payment === 'all-upfront')!;
    const line = assessed.commitment.costs.find((c) => c.platform === 'aws-ec2')!.lines.find((l) => l.priceRef.startsWith('aws.ec2.instances.'))!;
    expect(line.unitPriceUsd).toBeCloseTo(rates.rates[line.priceRef]!, 12);
    expect(line.amountUsd).toBeCloseTo(line.quantity * line.unitPriceUsd, 6);

    // Words in the description come first; a term and payment the catalog has no rate for is said, never guessed.
    const worded = JSON.parse((await run(['assess', '--json', '--assume-defaults', 'REST API, 1000 rps 24/7, 100 ms, reserved instances, partial upfront, 1 year'], refreshed)).out) as Json;
    expect(worded.commitment).toMatchObject({ plan: 'reserved-instances', term: '1yr', payment: 'partial-upfront', from: 'stated', applied: false, costs: [] });
    expect(worded.commitment.sentence).toContain(`You asked for 1-year Reserved Instances, partial upfront ("reserved instances, partial upfront, 1 year"), but catalog ${loaded.catalog.version} has no published rate for them, so every figure is on-demand.`);

    const cleared = await run(['settings', 'commitment', 'clear'], refreshed);
    expect(cleared.out).toMatch(/Standing commitment cleared/);
    expect((JSON.parse((await run(['assess', '--json', '--assume-defaults', 'REST API, 1000 rps 24/7, 100 ms'], refreshed)).out) as Json).commitment).toBeNull();
  });

  it('reads the ten regions by default, each priced under its own name, and an assessment there uses its prices', async () => {
    const folder = mkdtempSync(join(dir, 'regions-'));
    current = join(folder, 'catalog.json');
    copyFileSync(DEFAULT_CATALOG_PATH, current);
    env = { SERVERLESS_FIT_PRICING: current, SERVERLESS_FIT_DB: join(folder, 'sf.db') };
    fake = await startFakeRegionalPriceList(fakeRegionFiles(catalog, { 'eu-central-1': { 'aws.fargate.x86VcpuHour': 0.0466, 'aws.lambda.requests': 0.24 } }));
    const out = join(folder, 'regions.json');
    const result = await run(['pricing', 'refresh', '--from', fake.url, '--out', out], env);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Read \d+ prices for 10 regions \(us-east-1, us-east-2, us-west-2, eu-west-1, eu-central-1, eu-west-2, ap-southeast-1, ap-southeast-2, ap-northeast-1, ap-south-1\) from 8 AWS price lists each/);
    expect(result.out).toMatch(/^Prices added for eu-central-1: \d+ \(it had none in the catalog in use\)\.$/m);
    const loaded = loadCatalog(out);
    if (!loaded.ok) throw new Error(loaded.error);
    const frankfurt = loaded.catalog.regions?.aws['eu-central-1'];
    expect(frankfurt).toMatchObject({ name: 'Europe (Frankfurt)', nearest: { gcp: 'europe-west3', azure: 'germanywestcentral' } });
    expect(frankfurt?.prices?.fargate?.x86VcpuHour).toMatchObject({ usd: 0.0466, source: `${fake.url}/offers/v1.0/aws/AmazonECS/20261201000000/eu-central-1/index.json` });
    expect(frankfurt?.prices?.lambda?.freeRequests.note).toContain('kept from us-east-1');
    expect(frankfurt?.commitments?.map((c) => `${c.plan} ${c.term}`)).toEqual(['compute-savings-plan 1yr', 'compute-savings-plan 3yr', 'reserved-instances 1yr', 'reserved-instances 3yr']);
    expect(Object.keys(loaded.catalog.regions?.aws ?? {}).filter((r) => loaded.catalog.regions?.aws[r]?.prices)).toHaveLength(9);

    const text = 'REST API in Frankfurt, 100 rps, 100 ms';
    type Json = { region: { asked: string; priced: string; fallback: boolean; note: string | null; comparison: string }; assumptions: string[]; costs: { platform: string; lines: { priceRef: string; unitPriceUsd: number }[] }[] };
    const onShipped = JSON.parse((await run(['assess', '--json', '--assume-defaults', text], env)).out) as Json;
    expect(onShipped.region).toMatchObject({ asked: 'eu-central-1', priced: 'us-east-1', fallback: true });
    expect(onShipped.assumptions.some((a) => a.startsWith('The workload runs in eu-central-1 (Europe (Frankfurt)), but catalog') && a.includes('pricing refresh --region eu-central-1'))).toBe(true);
    const onRefreshed = JSON.parse((await run(['assess', '--json', '--assume-defaults', text], { ...env, SERVERLESS_FIT_PRICING: out })).out) as Json;
    expect(onRefreshed.region).toMatchObject({ asked: 'eu-central-1', priced: 'eu-central-1', fallback: false, note: null });
    expect(onRefreshed.region.comparison).toMatch(/^Comparing across clouds uses each provider's nearest region: Google Cloud europe-west3 \(Frankfurt\), priced at us-east4/);
    const requests = onRefreshed.costs.find((c) => c.platform === 'aws-lambda')?.lines.find((l) => l.priceRef === 'aws.lambda.requests');
    expect(requests?.unitPriceUsd).toBe(0.24);
  });

  it('--region reads only the regions named', async () => {
    await setUp('two');
    const out = join(dir, 'two.json');
    const result = await run(['pricing', 'refresh', '--from', fake!.url, '--region', 'eu-central-1,ap-northeast-1', '--out', out], env);
    expect(result.code).toBe(0);
    const regionFiles = fake!.requests.filter((r) => /\/\d+\/[a-z0-9-]+\/index\.json$/.test(r)).map((r) => r.split('/').at(-2));
    expect(new Set(regionFiles)).toEqual(new Set(['eu-central-1', 'ap-northeast-1']));
    const loaded = loadCatalog(out);
    if (!loaded.ok) throw new Error(loaded.error);
    // The home region was not read, so its prices are the ones the current catalog had.
    expect(loaded.catalog.aws).toEqual(catalog.aws);
    expect(loaded.catalog.regions?.aws['ap-northeast-1']?.prices).toBeDefined();
  });

  it('says so when nothing changed', async () => {
    await setUp('same', {});
    const result = await run(['pricing', 'refresh', '--from', fake!.url, '--out', join(dir, 'same.json')], env);
    expect(result.code).toBe(0);
    expect(result.out).toContain('No price changed.');
  });
});

describe('pricing refresh refuses a broken or partial price list and writes nothing', () => {
  const cases: { name: string; breakage?: [string, Breakage]; drop?: (p: { attributes: Record<string, string> }) => boolean; says: RegExp }[] = [
    { name: 'a Lambda offer file cut short', breakage: ['AWSLambda', 'truncated'], says: /The AWSLambda offer file for us-east-1 at \S+ is not valid JSON/ },
    { name: 'an EC2 offer file answering HTTP 500', breakage: ['AmazonEC2', 'http-500'], says: /answered HTTP 500/ },
    { name: 'a Fargate region index without us-east-1', breakage: ['AmazonECS', 'no-region'], says: /the AmazonECS region index has no us-east-1/ },
    { name: 'an offer index that is an HTML page', breakage: ['index', 'not-json'], says: /The offer index at \S+ is not valid JSON/ },
    { name: 'a Savings Plans index without us-east-1', breakage: ['savingsPlan', 'no-region'], says: /the Savings Plans region index has no us-east-1/ },
    { name: 'a Savings Plans file cut short', breakage: ['savingsPlan', 'truncated'], says: /The Savings Plans file for us-east-1 at \S+ is not valid JSON/ },
    { name: 'a price list without SQS FIFO', drop: (p) => p.attributes.queueType === 'FIFO', says: /no on-demand price for aws\.sqs\.fifoRequests in AWSQueueService \(queueType FIFO/ },
    { name: 'a price list without t3.medium on Linux', drop: (p) => p.attributes.instanceType === 't3.medium' && p.attributes.operatingSystem === 'Linux', says: /no on-demand price for aws\.ec2\.instances\.t3\.medium/ },
  ];
  it.each(cases)('$name', async ({ name, breakage, drop, says }) => {
    const folder = await setUp(name.replace(/\W+/g, '-'), CHANGED, drop);
    if (breakage) fake!.breakOffer(breakage[0], breakage[1]);
    const before = readdirSync(folder);
    const result = await run(['pricing', 'refresh', '--from', fake!.url], env);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    const lines = result.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Price list refused: /);
    expect(lines[0]).toMatch(says);
    expect(lines[0]).toMatch(/Nothing was written; the current catalog stays in use\.$/);
    expect(readdirSync(folder)).toEqual(before);
  });

  it('an address nothing answers on', async () => {
    await setUp('unreachable');
    const result = await run(['pricing', 'refresh', '--from', 'http://127.0.0.1:9'], env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Price list refused: could not reach http:\/\/127\.0\.0\.1:9\/offers\/v1\.0\/aws\/index\.json \(.+\)\. Nothing was written; the current catalog stays in use\.\n$/);
  });

  it('never writes over the shipped catalog or the one in use', async () => {
    await setUp('overwrite');
    for (const target of [DEFAULT_CATALOG_PATH, current]) {
      const before = readFileSync(target, 'utf8');
      const result = await run(['pricing', 'refresh', '--from', fake!.url, '--out', target], env);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^Refusing to write over catalog\.json, the catalog (shipped with serverless-fit|in use); choose another --out\.\n$/);
      expect(readFileSync(target, 'utf8')).toBe(before);
    }
  });

  it.each([
    [['pricing', 'refresh', '--from', 'pricing.example'], /--from needs the price list's base URL/],
    [['pricing', 'refresh', '--bogus'], /Unknown option --bogus for pricing refresh/],
    [['pricing', 'refresh', 'now'], /pricing refresh takes no words/],
    [['pricing', '--out', 'x.json'], /--cloud, --from, --out and --region go with pricing refresh/],
  ])('usage: %j', async (args, says) => {
    const result = await run(args, { SERVERLESS_FIT_DB: join(dir, 'usage.db') });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(says);
  });
});
