import { describe, expect, it } from 'vitest';
import { shippedCatalog, testWorkload } from '../helpers/cost-fixtures.js';
import { estimateCosts } from '../../src/core/cost/estimate-costs.js';
import { tieredAmount } from '../../src/core/cost/cost-line.js';
import type { CostReport, PlatformId } from '../../src/core/cost/cost-types.js';
import { flatProfile } from '../../src/core/traffic.js';
import type { ResolvedWorkload, Traffic } from '../../src/core/workload.js';

const catalog = shippedCatalog();

function steady(rps: number): Traffic {
  return { hourly: flatProfile(rps * 3600), basis: 'steady', echo: `${rps} req/s` };
}

const workload = testWorkload;

function cost(report: CostReport, platform: PlatformId) {
  const found = report.costs.find((c) => c.platform === platform);
  if (!found) throw new Error(`no ${platform}`);
  return found;
}

function line(report: CostReport, platform: PlatformId, label: string) {
  const found = cost(report, platform).lines.find((l) => l.label === label);
  if (!found) throw new Error(`no line "${label}" in ${platform}: ${cost(report, platform).lines.map((l) => l.label).join(' | ')}`);
  return found;
}

describe('the worked example: 1000 req/s steady, 100 ms, 1024 MB, x86, behind an HTTP API', () => {
  const report = estimateCosts(workload({ traffic: steady(1000) }), catalog, { includeFreeTier: false });

  it('bills 2.628 B requests as $525.60', () => {
    const requests = line(report, 'aws-lambda', 'Lambda requests');
    expect(requests.quantity).toBeCloseTo(2628, 6); // millions
    expect(requests.unit).toBe('1M requests');
    expect(requests.unitPriceUsd).toBe(0.2);
    expect(requests.amountUsd).toBeCloseTo(525.6, 2);
    expect(requests.priceRef).toBe('aws.lambda.requests');
  });

  it('bills 262.8 M GB-s in the first tier as $4,380.01', () => {
    const compute = line(report, 'aws-lambda', 'Lambda compute (GB-s), first 6 B');
    expect(compute.quantity).toBeCloseTo(262.8e6, 0);
    expect(compute.amountUsd).toBeCloseTo(4380.01, 2);
  });

  it('bills the HTTP API as 300 M x $1.00 + 2,328 M x $0.90 = $2,395.20', () => {
    const first = line(report, 'aws-lambda', 'API Gateway HTTP API requests, first 300M');
    const rest = line(report, 'aws-lambda', 'API Gateway HTTP API requests, above 300M');
    expect([first.quantity, first.unitPriceUsd, first.amountUsd]).toEqual([300, 1, 300]);
    expect(rest.quantity).toBeCloseTo(2328, 6);
    expect(rest.amountUsd).toBeCloseTo(2095.2, 2);
    expect(first.amountUsd + rest.amountUsd).toBeCloseTo(2395.2, 2);
  });

  it('totals $4,905.61 for Lambda alone and $7,300.81 with the gateway', () => {
    const lambda = cost(report, 'aws-lambda');
    expect(lambda.label).toBe('AWS Lambda (x86) + API Gateway HTTP API');
    expect(lambda.monthlyUsd).toBeCloseTo(525.6 + 4380.01 + 2395.2, 1);
    const withoutGateway = estimateCosts(workload({ traffic: steady(1000), trigger: 'storage-event' }), catalog);
    expect(cost(withoutGateway, 'aws-lambda').monthlyUsd).toBeCloseTo(4905.61, 2);
  });

  it('at 256 MB is $1,620.60 before the gateway (the "about $1,500" figure)', () => {
    // 525.60 + 65.7 M GB-s x $0.0000166667 (1,095.00219) = 1,620.60219. PRICES.md says
    // $1,620.61 because it rounds the compute up to 1,095.01 before adding.
    const small = estimateCosts(workload({ traffic: steady(1000), memoryMb: 256, trigger: 'schedule' }), catalog);
    expect(cost(small, 'aws-lambda').monthlyUsd).toBeCloseTo(1620.6, 2);
  });

  it('shows no free tier lines when asked not to', () => {
    for (const c of report.costs) expect(c.freeTier).toEqual([]);
  });
});

describe('volume tiers bill the excess only', () => {
  const x86 = catalog.aws.lambda.computeX86;
  const arm = catalog.aws.lambda.computeArm;
  const http = catalog.aws.apiGateway.http;
  const rest = catalog.aws.apiGateway.rest;
  it.each([
    ['x86 at exactly 6 B GB-s', x86, 6e9, 6e9 * 0.0000166667],
    ['x86 at 7 B GB-s', x86, 7e9, 6e9 * 0.0000166667 + 1e9 * 0.000015],
    ['x86 at 16 B GB-s', x86, 16e9, 6e9 * 0.0000166667 + 9e9 * 0.000015 + 1e9 * 0.0000133334],
    ['Arm at exactly 7.5 B GB-s', arm, 7.5e9, 7.5e9 * 0.0000133334],
    ['Arm at 8.5 B GB-s', arm, 8.5e9, 7.5e9 * 0.0000133334 + 1e9 * 0.0000120001],
    ['Arm at 20 B GB-s', arm, 20e9, 7.5e9 * 0.0000133334 + 11.25e9 * 0.0000120001 + 1.25e9 * 0.0000106667],
    ['HTTP API at 300 M', http, 300, 300],
    ['HTTP API at 301 M', http, 301, 300 + 0.9],
    ['REST API at 1,000 M', rest, 1000, 333 * 3.5 + 667 * 2.8],
    ['REST API at 21,000 M', rest, 21000, 333 * 3.5 + 667 * 2.8 + 19000 * 2.38 + 1000 * 1.51],
    ['nothing', x86, 0, 0],
  ])('%s', (_name, price, quantity, expected) => {
    expect(tieredAmount(quantity, price)).toBeCloseTo(expected, 2);
  });

  it('itemises the tiers a 7 B GB-s x86 month reaches, one line each', () => {
    // 10 GB for 1 s per request: 700 M requests a month make 7 B GB-s.
    const hourly = flatProfile(700e6 / 730);
    const report = estimateCosts(workload({ trigger: 'queue', memoryMb: 10240, duration: { typicalMs: 1000, worstMs: 1000 }, traffic: { ...steady(0), hourly } }), catalog);
    const compute = cost(report, 'aws-lambda').lines.filter((l) => l.label.startsWith('Lambda compute'));
    expect(compute.map((l) => [l.label, l.unitPriceUsd, l.priceRef])).toEqual([
      ['Lambda compute (GB-s), first 6 B', 0.0000166667, 'aws.lambda.computeX86.tiers.0'],
      ['Lambda compute (GB-s), next 9 B', 0.000015, 'aws.lambda.computeX86.tiers.1'],
    ]);
    expect(compute[0]!.quantity).toBeCloseTo(6e9, -1);
    expect(compute[1]!.quantity / 1e9).toBeCloseTo(1, 6);
    expect(compute[0]!.amountUsd + compute[1]!.amountUsd).toBeCloseTo(100_000.2 + 15_000, 0);
  });

  it('prices Arm compute on the Arm tiers', () => {
    const report = estimateCosts(workload({ architecture: 'arm', trigger: 'schedule', traffic: steady(1000) }), catalog);
    const compute = line(report, 'aws-lambda', 'Lambda compute (GB-s), first 7.5 B');
    expect(compute.amountUsd).toBeCloseTo(262.8e6 * 0.0000133334, 2);
    expect(cost(report, 'aws-lambda').label).toBe('AWS Lambda (Arm)');
  });
});

describe('the free tier is listed apart, never taken off the monthly figure', () => {
  it('values 1 M requests and 400,000 GB-s at list price for a busy function', () => {
    const report = estimateCosts(workload({ trigger: 'schedule', traffic: steady(10) }), catalog);
    const lambda = cost(report, 'aws-lambda');
    expect(lambda.freeTier.map((l) => [l.label, l.quantity, l.unitPriceUsd])).toEqual([
      ['Free tier: Lambda requests', 1, -0.2],
      ['Free tier: Lambda compute', 400_000, -0.0000166667],
    ]);
    expect(lambda.freeTier[1]!.amountUsd).toBeCloseTo(-6.67, 2);
    // 26.28 M requests x $0.20 + 2.628 M GB-s x $0.0000166667, no free tier taken off.
    expect(lambda.monthlyUsd).toBeCloseTo(26.28 * 0.2 + 2.628e6 * 0.0000166667, 2);
  });

  it('caps the free lines at the usage of a quiet function', () => {
    // 1 request an hour: 730 a month at 100 ms and 1 GB = 73 GB-s.
    const report = estimateCosts(workload({ trigger: 'schedule', traffic: { ...steady(0), hourly: flatProfile(1) } }), catalog);
    const lambda = cost(report, 'aws-lambda');
    expect(lambda.freeTier[0]!.quantity).toBeCloseTo(730 / 1e6, 9);
    expect(lambda.freeTier[1]!.quantity).toBeCloseTo(73, 6);
    const total = lambda.monthlyUsd! + lambda.freeTier.reduce((s, l) => s + l.amountUsd, 0);
    expect(total).toBeCloseTo(0, 9);
  });

  it('lists the SQS free requests for a queue trigger', () => {
    const report = estimateCosts(workload({ trigger: 'queue', traffic: steady(10) }), catalog);
    expect(cost(report, 'aws-lambda').freeTier.map((l) => l.label)).toContain('Free tier: SQS requests');
  });
});

describe('what sits in front of Lambda depends on the trigger', () => {
  it.each([
    ['http', 'AWS Lambda (x86) + API Gateway HTTP API', 'API Gateway HTTP API requests, first 300M'],
    ['webhook', 'AWS Lambda (x86) + API Gateway HTTP API', 'API Gateway HTTP API requests, first 300M'],
    ['websocket', 'AWS Lambda (x86) + API Gateway WebSocket', 'API Gateway WebSocket messages, first 1 B'],
    ['queue', 'AWS Lambda (x86) + SQS', 'SQS requests'],
    ['storage-event', 'AWS Lambda (x86)', null],
    ['schedule', 'AWS Lambda (x86)', null],
    ['stream', 'AWS Lambda (x86)', null],
  ] as const)('%s -> %s', (trigger, label, frontLine) => {
    const report = estimateCosts(workload({ trigger, traffic: steady(1) }), catalog);
    const lambda = cost(report, 'aws-lambda');
    expect(lambda.label).toBe(label);
    const extra = lambda.lines.filter((l) => !l.label.startsWith('Lambda '));
    expect(extra.map((l) => l.label)).toEqual(frontLine === null ? [] : [frontLine]);
  });

  it('bills SQS at 1.2 requests a message (send, then receive and delete in batches of 10)', () => {
    const report = estimateCosts(workload({ trigger: 'queue', traffic: steady(10) }), catalog);
    const sqs = line(report, 'aws-lambda', 'SQS requests');
    expect(sqs.quantity).toBeCloseTo(26.28 * 1.2, 6);
    expect(sqs.amountUsd).toBeCloseTo(26.28 * 1.2 * 0.4, 2);
  });
});

describe('limits make a platform unavailable, with the reason and no price', () => {
  it.each([
    ['a 20-minute worst case', { duration: { typicalMs: 60_000, worstMs: 1_200_000 } }, 'aws-lambda', "a worst case of 1,200 s is over Lambda's 900 s timeout"],
    ['12 GB of memory', { memoryMb: 12288 }, 'aws-lambda', "12,288 MB of memory is over Lambda's 10,240 MB maximum"],
    ['an 11 GB package', { packageMb: 11_000 }, 'aws-lambda', "a 11,000 MB package is over Lambda's 10 GB container image limit"],
    ['256 MB on Workers', { memoryMb: 256 }, 'cloudflare-workers', "256 MB of memory is over Cloudflare Workers' 128 MB"],
    ['6 minutes of CPU on Workers', { memoryMb: 128, cpuShare: 1, duration: { typicalMs: 1000, worstMs: 360_000 } }, 'cloudflare-workers', "360 s of CPU per invocation is over Cloudflare Workers' 300 s limit"],
    ['a 10-minute event function on Cloud Run', { trigger: 'queue', duration: { typicalMs: 1000, worstMs: 600_000 } }, 'gcp-cloud-run-functions', "a worst case of 600 s is over Cloud Run functions' 9-minute limit for event-driven functions"],
    ['a 61-minute HTTP function on Cloud Run', { duration: { typicalMs: 1000, worstMs: 3_660_000 } }, 'gcp-cloud-run-functions', "a worst case of 3,660 s is over Cloud Run functions' 60-minute limit for HTTP functions"],
    ['a 5-minute HTTP response on Azure', { duration: { typicalMs: 1000, worstMs: 300_000 } }, 'azure-functions', 'an HTTP response has to start within 230 s on Azure Functions; the worst case is 300 s'],
    ['8 GB on Azure', { memoryMb: 8192 }, 'azure-functions', 'over the largest Flex Consumption instance'],
  ] as const)('%s', (_name, over, platform, reason) => {
    const report = estimateCosts(workload(over as Partial<ResolvedWorkload>), catalog);
    const c = cost(report, platform);
    expect(c.available).toBe(false);
    expect(c.unavailableReason).toContain(reason);
    expect([c.monthlyUsd, c.range, c.lines, c.freeTier]).toEqual([null, null, [], []]);
  });

  it('still offers Workers with 6 minutes of CPU from a Cron Trigger (15-minute limit)', () => {
    const report = estimateCosts(workload({ trigger: 'schedule', memoryMb: 128, cpuShare: 1, duration: { typicalMs: 1000, worstMs: 360_000 } }), catalog);
    expect(cost(report, 'cloudflare-workers').available).toBe(true);
  });
});
