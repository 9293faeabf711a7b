import { describe, expect, it } from 'vitest';
import { shippedCatalog, testWorkload } from '../helpers/cost-fixtures.js';
import { estimateCosts } from '../../src/core/cost/estimate-costs.js';
import { sumLines } from '../../src/core/cost/cost-line.js';
import type { CostReport, PlatformId } from '../../src/core/cost/cost-types.js';
import { assess } from '../../src/core/assess.js';
import { assessmentJson } from '../../src/core/assessment-json.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { flatProfile } from '../../src/core/traffic.js';
import type { PricingCatalog } from '../../src/core/pricing/catalog-schema.js';
import type { ResolvedWorkload, Traffic, WorkloadFacts } from '../../src/core/workload.js';

// The charges beside compute: each its own line, quantity x unit price from the
// catalog, present only when the words imply it. Every expected figure below is
// worked out by hand from the shipped catalog's prices.

const catalog = shippedCatalog();
const MONTH_S = 730 * 3600;
const KB_PER_GB = 1024 * 1024;

function steady(rps: number): Traffic {
  return { hourly: flatProfile(rps * 3600), basis: 'steady', echo: `${rps} req/s` };
}

function row(report: CostReport, platform: PlatformId) {
  const found = report.costs.find((c) => c.platform === platform);
  if (!found) throw new Error(`no ${platform}`);
  return found;
}

function lines(report: CostReport, platform: PlatformId, ref: string) {
  return row(report, platform).lines.filter((l) => l.priceRef.startsWith(ref));
}

const EXTRA_REFS = ['aws.cloudwatchLogs', 'aws.dataTransfer', 'aws.natGateway', 'aws.lambda.ephemeralStorage', 'aws.lambda.provisioned'];

describe('the words that imply a charge beside compute', () => {
  const cases: { text: string; expect: WorkloadFacts }[] = [
    { text: 'image API, returns 2 MB images, 50 rps', expect: { responses: { kbPerRequest: 2048, stated: true, words: 'returns 2 mb images' } } },
    { text: 'serves thumbnails of about 40 KB', expect: { responses: { kbPerRequest: 40, stated: true, words: 'serves thumbnails of ~40 kb' } } },
    { text: 'JSON API with 50 KB responses', expect: { responses: { kbPerRequest: 50, stated: true, words: '50 kb responses' } } },
    { text: 'report service that returns PDFs', expect: { responses: { kbPerRequest: 1024, stated: false, words: 'returns pdfs' } } },
    { text: 'webhook, logs 2 KB per request', expect: { logs: { kbPerRequest: 2, stated: true } } },
    { text: 'writes 0.5 KB of logs per call', expect: { logs: { kbPerRequest: 0.5, stated: true } } },
    { text: 'order API with verbose logging', expect: { logs: { kbPerRequest: 1, stated: false } } },
    { text: 'lambda in a VPC that calls external APIs', expect: { vpcInternet: { words: 'in a vpc, calls external apis' } } },
    { text: 'runs inside our VPC and calls Stripe', expect: { vpcInternet: { words: 'inside our vpc, calls stripe' } } },
    { text: 'video transcode with 10 GB /tmp', expect: { ephemeralMb: 10240 } },
    { text: 'needs 4 GB of ephemeral storage for unzipping', expect: { ephemeralMb: 4096 } },
  ];
  it.each(cases)('"$text"', ({ text, expect: wanted }) => {
    const { facts, unread } = parseWorkload(text);
    expect(unread).toEqual([]);
    for (const [key, value] of Object.entries(wanted)) expect(facts[key as keyof WorkloadFacts]).toEqual(value);
  });

  const silent = [
    'resize images when they are uploaded, 2 s each', // images in, nothing sent back
    'thumbnails of 5 MB uploads', // a payload size, not a response
    'REST API in a VPC, calls Postgres', // a VPC without the internet: no NAT
    'not in a VPC, calls external APIs',
    'calls external APIs, 200 ms', // the internet without a VPC: no NAT
    'we keep 50 GB of logs a day', // a daily total, not per request
    'handler with 1 GB memory', // memory, not /tmp
  ];
  it.each(silent)('"%s" implies none of them', (text) => {
    const { facts } = parseWorkload(text);
    expect([facts.responses, facts.logs, facts.vpcInternet, facts.ephemeralMb]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('each extra as quantity x unit price (50 req/s steady = 131.4 M requests, 100 ms, 1 GB, HTTP)', () => {
  const requests = 50 * 3600 * 730;
  const base = { traffic: steady(50) };
  const cases: { name: string; over: Partial<ResolvedWorkload>; platforms: PlatformId[]; ref: string; lines: [number, number][] }[] = [
    {
      name: 'CloudWatch Logs at 2 KB a request: 250.63 GB x $0.50',
      over: { logs: { kbPerRequest: 2, stated: true } },
      platforms: ['aws-lambda', 'aws-fargate', 'aws-ec2'],
      ref: 'aws.cloudwatchLogs.ingestion',
      lines: [[(requests * 2) / KB_PER_GB, 0.5]],
    },
    {
      name: 'data transfer out at 2 MB a response: 256,640.6 GB across the four tiers',
      over: { responses: { kbPerRequest: 2048, stated: true, words: 'returns 2 mb images' } },
      platforms: ['aws-lambda', 'aws-fargate', 'aws-ec2'],
      ref: 'aws.dataTransfer.outToInternet',
      lines: [
        [10240, 0.09],
        [51200 - 10240, 0.085],
        [153600 - 51200, 0.07],
        [(requests * 2048) / KB_PER_GB - 153600, 0.05],
      ],
    },
    {
      name: 'data transfer out at 20 KB a response: 2,506.3 GB in the first tier',
      over: { responses: { kbPerRequest: 20, stated: true, words: '20 kb responses' } },
      platforms: ['aws-lambda', 'aws-fargate', 'aws-ec2'],
      ref: 'aws.dataTransfer.outToInternet',
      lines: [[(requests * 20) / KB_PER_GB, 0.09]],
    },
    {
      name: 'NAT gateways: 2 x 730 h x $0.045, and 10 KB a request processed x $0.045',
      over: { vpcInternet: { words: 'in a vpc, calls external apis' } },
      platforms: ['aws-lambda'],
      ref: 'aws.natGateway',
      lines: [
        [2 * 730, 0.045],
        [(requests * 10) / KB_PER_GB, 0.045],
      ],
    },
    {
      name: 'ephemeral storage at 10 GB: 9.5 GB x 0.1 s x 131.4 M runs x $0.0000000309',
      over: { ephemeralMb: 10240 },
      platforms: ['aws-lambda'],
      ref: 'aws.lambda.ephemeralStorage',
      lines: [[requests * 0.1 * 9.5, 0.0000000309]],
    },
  ];
  it.each(cases)('$name', ({ over, platforms, ref, lines: expected }) => {
    const plain = estimateCosts(testWorkload(base), catalog, { includeFreeTier: false });
    const report = estimateCosts(testWorkload({ ...base, ...over }), catalog, { includeFreeTier: false });
    for (const platform of ['aws-lambda', 'aws-fargate', 'aws-ec2'] as const) {
      const found = lines(report, platform, ref);
      if (!platforms.includes(platform)) {
        expect(found).toEqual([]);
        expect(row(report, platform).monthlyUsd).toBe(row(plain, platform).monthlyUsd);
        continue;
      }
      expect(found.map((l) => [l.quantity, l.unitPriceUsd])).toEqual(expected.map(([q, p]) => [expect.closeTo(q, 6), p]));
      for (const l of found) expect(l.amountUsd).toBeCloseTo(l.quantity * l.unitPriceUsd, 9);
      const added = expected.reduce((sum, [q, p]) => sum + q * p, 0);
      expect(row(report, platform).monthlyUsd! - row(plain, platform).monthlyUsd!).toBeCloseTo(added, 6);
      expect(row(report, platform).monthlyUsd).toBeCloseTo(sumLines(row(report, platform).lines), 9);
    }
    // Other clouds bill these with their own prices, which this catalog does not hold: unchanged, and said so.
    for (const platform of ['gcp-cloud-run-functions', 'azure-functions', 'cloudflare-workers'] as const)
      expect(row(report, platform).monthlyUsd).toBe(row(plain, platform).monthlyUsd);
  });

  it('shows the free allowances as their own negative lines: 100 GB of transfer, 5 GB of logs', () => {
    const report = estimateCosts(
      testWorkload({ ...base, logs: { kbPerRequest: 2, stated: true }, responses: { kbPerRequest: 20, stated: true, words: '20 kb responses' } }),
      catalog,
    );
    const free = row(report, 'aws-fargate').freeTier.map((l) => [l.priceRef, l.quantity, l.unitPriceUsd]);
    expect(free).toEqual([
      ['aws.cloudwatchLogs.freeGb', 5, -0.5],
      ['aws.dataTransfer.freeOutGb', 100, -0.09],
    ]);
  });
});

describe('provisioned concurrency when cold starts matter', () => {
  // A Java API at 100 req/s, 200 ms, 512 MB: 100 x 0.2 = 20 environments for the peak.
  const java = testWorkload({ traffic: steady(100), duration: { typicalMs: 200, worstMs: 200 }, memoryMb: 512, runtime: 'java' });
  const requests = 100 * 3600 * 730;

  it('keeps 20 environments x 0.5 GB warm all month and bills runs at the provisioned rate, no free tier', () => {
    const report = estimateCosts(java, catalog);
    const lambda = row(report, 'aws-lambda');
    const byRef = (ref: string) => lambda.lines.find((l) => l.priceRef === ref);
    expect(byRef('aws.lambda.provisionedConcurrencyX86')).toMatchObject({ quantity: 20 * 0.5 * MONTH_S, unitPriceUsd: 0.0000041667 });
    expect(byRef('aws.lambda.provisionedConcurrencyX86')?.amountUsd).toBeCloseTo(26_280_000 * 0.0000041667, 9); // $109.50
    expect(byRef('aws.lambda.provisionedDurationX86')?.quantity).toBeCloseTo(requests * 0.2 * 0.5, 3);
    expect(byRef('aws.lambda.provisionedDurationX86')?.amountUsd).toBeCloseTo(26_280_000 * 0.0000097222, 6); // $255.50
    expect(lambda.lines.some((l) => l.priceRef.startsWith('aws.lambda.computeX86'))).toBe(false);
    expect(lambda.freeTier).toEqual([]);
    expect(lambda.monthlyUsd).toBeCloseTo(262.8 * 0.2 + 26_280_000 * 0.0000097222 + 26_280_000 * 0.0000041667 + 262.8 * 1, 6);
  });

  it('prices Arm at the Arm rates', () => {
    const report = estimateCosts({ ...java, architecture: 'arm' }, catalog);
    const refs = row(report, 'aws-lambda').lines.map((l) => [l.priceRef, l.unitPriceUsd]);
    expect(refs).toContainEqual(['aws.lambda.provisionedConcurrencyArm', 0.0000033334]);
    expect(refs).toContainEqual(['aws.lambda.provisionedDurationArm', 0.0000077778]);
  });

  it('the reason quotes the same line the Lambda row carries', () => {
    const facts = parseWorkload('Java Spring Boot API, 100 rps, 200ms, p99 under 300 ms, 512 MB').facts;
    const a = assess({ ...facts, description: 'java api', constraintsAnswered: true }, catalog, { chart: false });
    const configured = a.cost.costs.find((c) => c.platform === 'aws-lambda')?.lines.find((l) => l.priceRef === 'aws.lambda.provisionedConcurrencyX86');
    expect(configured?.amountUsd).toBeCloseTo(109.5, 2);
    const reason = a.reasons.find((r) => r.rule === 'cold-start');
    expect(reason?.text).toContain('Provisioned concurrency for 20 environments at 512 MB keeps them warm: 26,280,000 GB-s x $0.0000041667 = $109.50 a month.');
    expect(a.assumptions.map((x) => x.text).join('\n')).toContain('Lambda is priced with provisioned concurrency');
  });

  it('is not added where cold starts do not matter (a Node webhook, no target)', () => {
    const report = estimateCosts(testWorkload({ traffic: steady(100), trigger: 'webhook', runtime: 'node' }), catalog);
    expect(row(report, 'aws-lambda').lines.some((l) => l.priceRef.includes('provisioned'))).toBe(false);
  });
});

describe('nothing implied, nothing added', () => {
  it.each([
    'REST API, 1000 rps 24/7, 100 ms, calls Postgres',
    'resize images when they are uploaded, about 2 s each, 3k a day',
    'nightly cleanup, 3 minutes',
    'webhook for our CRM',
  ])('"%s": no extra line, and the old "Not included" sentence', (text) => {
    const a = assess({ ...parseWorkload(text).facts, description: text, constraintsAnswered: true }, catalog, { chart: false });
    for (const c of a.cost.costs) expect(c.lines.filter((l) => EXTRA_REFS.some((r) => l.priceRef.startsWith(r)))).toEqual([]);
    expect(a.assumptions.map((x) => x.text)).toContain('Not included: Lambda INIT (cold start) time, data transfer, logs, storage and databases.');
  });

  it('the worked example stays $4,905.61 + $2,395.20 on Lambda', () => {
    const report = estimateCosts(testWorkload({ traffic: steady(1000) }), catalog);
    expect(row(report, 'aws-lambda').monthlyUsd).toBeCloseTo(525.6 + 4380.01 + 2395.2, 1);
  });
});

describe('a catalog without these prices names the item instead of pricing it at zero', () => {
  const bare: PricingCatalog = { ...catalog, aws: { ...catalog.aws, cloudwatchLogs: undefined, dataTransfer: undefined, natGateway: undefined } };
  it('adds no line and says what is missing and how to get it', () => {
    const text = 'API in a VPC that calls external APIs, returns 2 MB images, logs 2 KB per request, 50 rps, 100 ms';
    const a = assess({ ...parseWorkload(text).facts, description: text, constraintsAnswered: true }, bare, { chart: false });
    for (const c of a.cost.costs) expect(c.lines.filter((l) => /^aws\.(cloudwatchLogs|dataTransfer|natGateway)/.test(l.priceRef))).toEqual([]);
    const said = a.assumptions.map((x) => x.text).filter((t) => t.includes('is not priced'));
    expect(said).toHaveLength(3);
    for (const sentence of said) expect(sentence).toContain('the catalog shipped with serverless-fit has one');
  });
});

describe('the JSON interface carries the extras as ordinary lines and the assumptions', () => {
  it('lists each extra under costs[].lines with its priceRef', () => {
    const text = 'image API in a VPC that calls external APIs, returns 2 MB images, 5 rps, 100 ms';
    const json = assessmentJson(assess({ ...parseWorkload(text).facts, description: text, constraintsAnswered: true }, catalog, { chart: false }));
    const lambda = json.costs.find((c) => c.platform === 'aws-lambda');
    expect(lambda?.lines.map((l) => l.priceRef)).toEqual(expect.arrayContaining(['aws.dataTransfer.outToInternet.tiers.0', 'aws.natGateway.hour', 'aws.natGateway.gbProcessed']));
    expect(json.assumptions.some((t) => t.startsWith('Data transfer out: 2 MB sent to the internet per request'))).toBe(true);
  });
});
