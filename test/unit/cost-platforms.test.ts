import { describe, expect, it } from 'vitest';
import { shippedCatalog, testWorkload } from '../helpers/cost-fixtures.js';
import { estimateCosts } from '../../src/core/cost/estimate-costs.js';
import { PLATFORM_IDS, type PlatformId } from '../../src/core/cost/cost-types.js';
import { flatProfile } from '../../src/core/traffic.js';
import type { ResolvedWorkload } from '../../src/core/workload.js';

// Hand-worked monthly figures for every platform, each written as the arithmetic
// a person would do from the catalog (730 h a month; 30.4167 days).

const catalog = shippedCatalog();

const workload = testWorkload;
const perSecond = (rps: number) => ({ hourly: flatProfile(rps * 3600), basis: 'steady' as const, echo: `${rps} req/s` });
const oncePerHour = { hourly: flatProfile(1), basis: 'schedule' as const, echo: 'once an hour' };

const ALB = 730 * 0.0225;

/** A: an HTTP API at 100 req/s, 200 ms, 512 MB, I/O-bound (20% CPU). 262.8 M requests, 26.28 M GB-s. */
const apiA = workload({ traffic: perSecond(100), duration: { typicalMs: 200, worstMs: 200 }, memoryMb: 512 });
/** B: a queue worker on Arm at 10 req/s, 50 ms, 128 MB, half CPU. 26.28 M messages, 164,250 GB-s. */
const workerB = workload({ trigger: 'queue', traffic: perSecond(10), duration: { typicalMs: 50, worstMs: 50 }, memoryMb: 128, cpuShare: 0.5, nature: 'mixed', architecture: 'arm' });
/** C: an hourly 10-minute (worst 20) CPU-bound job at 2 GB: too long for Lambda and Consumption. */
const jobC = workload({ trigger: 'schedule', traffic: oncePerHour, duration: { typicalMs: 600_000, worstMs: 1_200_000 }, memoryMb: 2048, cpuShare: 0.9, nature: 'cpu-bound' });
/** D: an hourly 60 s CPU-bound job needing 12 GB: a memory-optimised r5.large holds it. */
const jobD = workload({ trigger: 'schedule', traffic: oncePerHour, duration: { typicalMs: 60_000, worstMs: 60_000 }, memoryMb: 12288, cpuShare: 0.9, nature: 'cpu-bound' });

/** Every platform the report lists, in order, with its expected monthly figure (null = cannot run it). AWS Batch appears for jobs only. */
const cases: [string, ResolvedWorkload, Partial<Record<PlatformId, number | null>>][] = [
  [
    'A: HTTP API, 100 req/s',
    apiA,
    {
      'aws-lambda': 262.8 * 0.2 + 26.28e6 * 0.0000166667 + 262.8 * 1.0,
      // 14 x 0.5 vCPU / 1 GB tasks around the clock (7 x 1 vCPU / 2 GB costs the same): 5,110 vCPU-h, 10,220 GB-h.
      'aws-fargate': 5110 * 0.04048 + 10220 * 0.004445 + ALB + (262.8e6 / 3600 / 125) * 0.008,
      // 6.67 vCPU at peak / 60% -> 2 x c5.xlarge (4 x c5.large costs the same; fewer wins).
      'aws-ec2': 2 * 730 * 0.17 + ALB + 584 * 0.008,
      // 512 MB -> 0.333 vCPU: 17,502,480 vCPU-s and 26.28 M GiB-s.
      'gcp-cloud-run-functions': 262.8 * 0.4 + 17_502_480 * 0.000024 + 26.28e6 * 0.0000025,
      'azure-functions': 262.8 * 0.2 + 26.28e6 * 0.000016,
      'cloudflare-workers': null,
    },
  ],
  [
    'B: Arm queue worker, 10 req/s',
    workerB,
    {
      'aws-lambda': 26.28 * 0.2 + 164_250 * 0.0000133334 + 26.28 * 1.2 * 0.4,
      // 2 x 0.25 vCPU / 0.5 GB or 1 x 0.5 vCPU / 1 GB all day: 365 vCPU-h and 730 GB-h either way.
      'aws-fargate': 365 * 0.03238 + 730 * 0.00356 + 26.28 * 1.2 * 0.4,
      // 0.42 vCPU needed; a t4g.medium sustains 0.4 (20% baseline of 2 vCPU) -> 2 of them.
      'aws-ec2': 2 * 730 * 0.0336 + 26.28 * 1.2 * 0.4,
      // 128 MB -> 0.083 vCPU: 109,062 vCPU-s.
      'gcp-cloud-run-functions': 26.28 * 0.4 + 109_062 * 0.000024 + 164_250 * 0.0000025,
      'azure-functions': 26.28 * 0.2 + 164_250 * 0.000016,
      // $5 plan + 16.28 M extra requests + (657 M - 30 M) extra CPU-ms.
      'cloudflare-workers': 5 + 16.28 * 0.3 + 627 * 0.02,
    },
  ],
  [
    'C: hourly 10-minute job at 2 GB',
    jobC,
    {
      'aws-lambda': null,
      // A scheduled job runs one task per run: 730 runs x 1/6 h = 121.67 task-hours of 1 vCPU / 3 GB
      // (2 GB of working set / 80% usable = 2.5 GB, and 1 vCPU for CPU-bound work).
      'aws-fargate': (730 / 6) * (1 * 0.04048 + 3 * 0.004445),
      // t3.medium 24/7 = 730 x $0.0416 = $30.37.
      'aws-ec2': 730 * 0.0416,
      'gcp-cloud-run-functions': null,
      // Flex Consumption on a 2,048 MB instance: 730 x 600 s x 2 GB = 876,000 GB-s.
      'azure-functions': 876_000 * 0.000026 + (730 / 1e6) * 0.4,
      'cloudflare-workers': null,
      // AWS Batch on the same Fargate task per run (cheaper than a c5.large per run at $0.085/h).
      'aws-batch': (730 / 6) * (1 * 0.04048 + 3 * 0.004445),
    },
  ],
  [
    'D: hourly 60 s job at 12 GB',
    jobD,
    {
      'aws-lambda': null,
      // 730 runs x 1 min = 12.17 task-hours of 2 vCPU / 15 GB (12 GB / 80% usable; 1 vCPU allows at most 8 GB).
      'aws-fargate': (730 / 60) * (2 * 0.04048 + 15 * 0.004445),
      // The 12 GB working set, counted once, fits an r5.large (16 GiB, 80% usable) 24/7.
      'aws-ec2': 730 * 0.126,
      // 12 GB -> 4 vCPU: 175,200 vCPU-s, 525,600 GiB-s.
      'gcp-cloud-run-functions': 175_200 * 0.000024 + 525_600 * 0.0000025 + (730 / 1e6) * 0.4,
      'azure-functions': null,
      'cloudflare-workers': null,
      // AWS Batch: each run on an r5.large for its minute, 12.17 instance-hours.
      'aws-batch': (730 / 60) * 0.126,
    },
  ],
];

describe.each(cases)('%s', (_name, w, expected) => {
  const report = estimateCosts(w, catalog);
  it('lists every platform in the stable order', () => {
    expect(report.costs.map((c) => c.platform)).toEqual(PLATFORM_IDS.filter((p) => p in expected));
  });
  it.each(PLATFORM_IDS.filter((p) => p in expected).map((p) => [p]))('%s', (platform) => {
    const c = report.costs.find((x) => x.platform === platform)!;
    const want = expected[platform];
    if (want === null) {
      expect(c.available).toBe(false);
      expect(c.monthlyUsd).toBeNull();
    } else {
      expect(c.available).toBe(true);
      expect(c.monthlyUsd).toBeCloseTo(want ?? NaN, 2);
    }
  });
});

describe('the two checks from the design', () => {
  it('t3.medium 24/7 = $30.37', () => {
    const ec2 = estimateCosts(jobC, catalog).costs.find((c) => c.platform === 'aws-ec2')!;
    expect(ec2.lines).toHaveLength(1);
    expect(ec2.lines[0]).toMatchObject({ label: 't3.medium x 1', quantity: 730, unit: 'instance-hours', unitPriceUsd: 0.0416, priceRef: 'aws.ec2.instances.t3.medium' });
    expect(ec2.monthlyUsd).toBeCloseTo(30.37, 2);
  });
  it('c5.2xlarge 24/7 = $248.20', () => {
    // 1 job/s of 4.2 s at full CPU needs 7 vCPU at 60%: one c5.2xlarge (8 vCPU) costs the same as 2 x c5.xlarge or 4 x c5.large, and fewer wins.
    const steadyCpu = workload({ trigger: 'stream', traffic: perSecond(1), duration: { typicalMs: 4200, worstMs: 4200 }, memoryMb: 1769, cpuShare: 1, nature: 'cpu-bound' });
    const ec2 = estimateCosts(steadyCpu, catalog).costs.find((c) => c.platform === 'aws-ec2')!;
    expect(ec2.lines[0]).toMatchObject({ label: 'c5.2xlarge x 1', quantity: 730, unitPriceUsd: 0.34 });
    expect(ec2.monthlyUsd).toBeCloseTo(248.2, 2);
  });
});

describe('itemised lines that a person can redo by hand', () => {
  it.each([
    ['A', apiA, 'aws-ec2', [['c5.xlarge x 2', 1460, 0.17], ['ALB hours', 730, 0.0225], ['ALB capacity units', 584, 0.008]]],
    ['B', workerB, 'cloudflare-workers', [['Workers Paid plan (includes 10M requests, 30M CPU-ms)', 1, 5], ['Workers requests beyond those included', 16.28, 0.3], ['Workers CPU time beyond that included', 627, 0.02]]],
    ['B', workerB, 'azure-functions', [['Azure Consumption executions', 26.28, 0.2], ['Azure Consumption execution time', 164_250, 0.000016]]],
    ['C', jobC, 'azure-functions', [['Azure Flex Consumption executions', 0.00073, 0.4], ['Azure Flex Consumption execution time', 876_000, 0.000026]]],
    ['D', jobD, 'aws-fargate', [['Fargate vCPU (2 vCPU per run)', 730 / 30, 0.04048], ['Fargate memory (15 GB per run)', (730 / 60) * 15, 0.004445]]],
    ['D', jobD, 'aws-batch', [['Batch on EC2: r5.large instance-hours', 730 / 60, 0.126]]],
  ] as const)('%s: %s', (_name, w, platform, want) => {
    const c = estimateCosts(w, catalog).costs.find((x) => x.platform === platform)!;
    expect(c.lines.map((l) => l.label)).toEqual(want.map(([label]) => label));
    c.lines.forEach((l, i) => {
      const [, quantity, price] = want[i]!;
      expect(l.quantity).toBeCloseTo(quantity, 4);
      expect(l.unitPriceUsd).toBe(price);
      expect(l.amountUsd).toBeCloseTo(quantity * price, 6);
    });
  });
});
