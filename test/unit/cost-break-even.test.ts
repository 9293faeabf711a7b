import { describe, expect, it } from 'vitest';
import { shippedCatalog, testWorkload } from '../helpers/cost-fixtures.js';
import { estimateCosts } from '../../src/core/cost/estimate-costs.js';
import type { CostReport, PlatformId } from '../../src/core/cost/cost-types.js';
import { averageRps, flatProfile, profileFromBands, scaleTraffic } from '../../src/core/traffic.js';
import type { Traffic } from '../../src/core/workload.js';

const catalog = shippedCatalog();

const workload = testWorkload;
const monthly = (r: CostReport, p: PlatformId) => r.costs.find((c) => c.platform === p)!.monthlyUsd!;
const cheapestServer = (r: CostReport) => Math.min(monthly(r, 'aws-ec2'), monthly(r, 'aws-fargate'));

/** 6-9 am 10k/h, 9-5 2k/h, 5-7 pm 15k/h, 500/h otherwise. */
const notifications: Traffic = {
  hourly: profileFromBands(
    [
      { fromHour: 6, toHour: 9, requestsPerHour: 10_000 },
      { fromHour: 9, toHour: 17, requestsPerHour: 2_000 },
      { fromHour: 17, toHour: 19, requestsPerHour: 15_000 },
    ],
    500,
  ),
  basis: 'bands',
  echo: 'notification bands',
};

describe('the notification service', () => {
  const w = workload({ traffic: notifications, duration: { typicalMs: 300, worstMs: 300 }, memoryMb: 512 });
  const report = estimateCosts(w, catalog);

  it('sends 81,500 a day, 2.48 M a month', () => {
    const requests = report.costs[0]!.lines.find((l) => l.label === 'Lambda requests')!;
    expect(requests.quantity).toBeCloseTo((81_500 * 730) / 24 / 1e6, 9);
  });

  it('costs far less on Lambda than a t3.medium 24/7 ($30.37)', () => {
    const lambda = monthly(report, 'aws-lambda');
    // 2.479 M x ($0.20 + $1.00) + 371,844 GB-s x $0.0000166667
    expect(lambda).toBeCloseTo(2.4789583 * 1.2 + 371_843.75 * 0.0000166667, 2);
    expect(lambda).toBeLessThan((730 * 0.0416) / 3);
    expect(lambda).toBeLessThan(cheapestServer(report) / 3);
  });

  it('is a small fraction of the break-even', () => {
    expect(report.breakEven!.ratio!).toBeLessThan(0.2);
    expect(report.breakEven!.sentence).toMatch(/^Break-even at about [\d.,]+ req\/s average; you are at [\d.]+% of it\.$/);
  });
});

describe('break-even', () => {
  it.each([
    ['a steady API', workload({ traffic: { hourly: flatProfile(36_000), basis: 'steady', echo: '' } })],
    ['a banded API', workload({ traffic: notifications })],
    ['a queue worker', workload({ trigger: 'queue', nature: 'mixed', cpuShare: 0.5, duration: { typicalMs: 2000, worstMs: 3000 } })],
    ['an Arm event handler', workload({ trigger: 'storage-event', architecture: 'arm', memoryMb: 2048, duration: { typicalMs: 800, worstMs: 800 } })],
  ])('%s: Lambda and the cheapest server cost the same there', (_name, w) => {
    const report = estimateCosts(w, catalog);
    const be = report.breakEven!;
    expect(be.functions).toBe('aws-lambda');
    expect(be.averageRps).not.toBeNull();
    const at = (rps: number) => estimateCosts({ ...w, traffic: scaleTraffic(w.traffic, rps / averageRps(w.traffic.hourly)) }, catalog);
    const there = at(be.averageRps!);
    expect(monthly(there, 'aws-lambda') / cheapestServer(there)).toBeCloseTo(1, 3);
    // Lambda is the cheaper side just below, servers just above.
    const below = at(be.averageRps! * 0.9);
    const above = at(be.averageRps! * 1.1);
    expect(monthly(below, 'aws-lambda')).toBeLessThan(cheapestServer(below));
    expect(monthly(above, 'aws-lambda')).toBeGreaterThan(cheapestServer(above));
    // The server named is the cheaper one at the break-even point.
    const servers = (['aws-ec2', 'aws-fargate'] as const).map((p) => [p, monthly(there, p)] as const);
    expect(be.servers).toBe(servers.reduce((a, b) => (b[1] < a[1] ? b : a))[0]);
    expect(be.ratio).toBeCloseTo(averageRps(w.traffic.hourly) / be.averageRps!, 9);
  });

  it.each([
    [0.03, /you are at 3% of it\.$/],
    [0.5, /you are at 50% of it\.$/],
    [1, /you are right at it\.$/],
    [4.2, /you are 4\.2x past it\.$/],
    [160, /you are 160x past it\.$/],
  ])('words a ratio of %s', (ratio, sentence) => {
    const w = workload();
    const be = estimateCosts(w, catalog).breakEven!.averageRps!;
    const report = estimateCosts({ ...w, traffic: scaleTraffic(w.traffic, (be * ratio) / averageRps(w.traffic.hourly)) }, catalog);
    expect(report.breakEven!.ratio).toBeCloseTo(ratio, 3);
    expect(report.breakEven!.sentence).toMatch(sentence);
  });

  it('the 1000 req/s API is well past it', () => {
    const report = estimateCosts(workload({ traffic: { hourly: flatProfile(3_600_000), basis: 'steady', echo: '' } }), catalog);
    expect(report.breakEven!.ratio!).toBeGreaterThan(10);
    expect(report.breakEven!.sentence).toMatch(/x past it\.$/);
  });

  it('says when Lambda stays cheaper across the whole range (servers priced 10,000x)', () => {
    const pricey = structuredClone(catalog);
    for (const instance of Object.values(pricey.aws.ec2.instances)) instance.usd *= 10_000;
    pricey.aws.fargate.x86VcpuHour.usd *= 10_000;
    pricey.aws.fargate.x86GbHour.usd *= 10_000;
    const report = estimateCosts(workload(), pricey);
    expect(report.breakEven).toEqual({
      functions: 'aws-lambda',
      servers: 'aws-fargate',
      averageRps: null,
      ratio: null,
      sentence: 'AWS Lambda stays cheaper than servers across 0.0001-100,000 req/s average.',
    });
  });

  it('says when servers stay cheaper across the whole range (Lambda requests at $1M a million)', () => {
    const pricey = structuredClone(catalog);
    pricey.aws.lambda.requests.usd = 1e6;
    const report = estimateCosts(workload(), pricey);
    expect(report.breakEven).toMatchObject({ averageRps: null, ratio: null, sentence: 'Servers stay cheaper than AWS Lambda across 0.0001-100,000 req/s average.' });
  });

  it('is null when Lambda cannot run the workload', () => {
    const report = estimateCosts(workload({ duration: { typicalMs: 1000, worstMs: 1_000_000 } }), catalog);
    expect(report.breakEven).toBeNull();
    expect(report.sensitivity).toBeNull();
  });

  it('works with no traffic yet: 0% of the break-even', () => {
    const report = estimateCosts(workload({ traffic: { hourly: flatProfile(0), basis: 'steady', echo: '' } }), catalog);
    expect(report.breakEven!.averageRps!).toBeGreaterThan(0);
    expect(report.breakEven!.ratio).toBe(0);
    expect(report.costs.find((c) => c.platform === 'aws-lambda')!.monthlyUsd).toBe(0);
  });
});

describe('sensitivity', () => {
  it('names traffic when doubling it would make servers cheaper', () => {
    const w = workload();
    const be = estimateCosts(w, catalog).breakEven!.averageRps!;
    const near = { ...w, traffic: scaleTraffic(w.traffic, (be * 0.7) / averageRps(w.traffic.hourly)) };
    const s = estimateCosts(near, catalog).sensitivity!;
    expect(s.assumption).toBe('traffic');
    expect(s.sentence).toMatch(/^Doubling the traffic moves the comparison most: AWS Lambda \+100% \(\$[\d,.]+ to \$[\d,.]+\), servers \+\d+% \(\$[\d,.]+ to \$[\d,.]+\)\. That would make servers the cheaper option\.$/);
  });

  it.each([
    ['a steady API', workload()],
    ['a long CPU-light event handler', workload({ trigger: 'storage-event', duration: { typicalMs: 3000, worstMs: 3000 }, cpuShare: 0.05, traffic: { hourly: flatProfile(360), basis: 'steady', echo: '' } })],
    ['a busy API past break-even', workload({ traffic: { hourly: flatProfile(3_600_000), basis: 'steady', echo: '' } })],
    ['a memory-heavy queue worker', workload({ trigger: 'queue', nature: 'cpu-bound', cpuShare: 0.9, memoryMb: 4096, duration: { typicalMs: 20_000, worstMs: 20_000 } })],
  ])('%s: names the assumption that moves the Lambda-servers gap most, with its figures', (_name, w) => {
    const variants = {
      traffic: { ...w, traffic: scaleTraffic(w.traffic, 2) },
      duration: { ...w, duration: { typicalMs: w.duration.typicalMs * 2, worstMs: w.duration.worstMs * 2 } },
      memory: { ...w, memoryMb: w.memoryMb * 2 },
      'cpu-share': { ...w, cpuShare: w.cpuShare > 0.5 ? w.cpuShare / 2 : Math.min(1, w.cpuShare * 2) },
    };
    const base = estimateCosts(w, catalog);
    const gap = (r: CostReport) => monthly(r, 'aws-lambda') - cheapestServer(r);
    const moved = Object.entries(variants).map(([name, v]) => {
      const r = estimateCosts(v, catalog);
      return { name, r, flips: gap(r) >= 0 !== gap(base) >= 0, by: Math.abs(gap(r) - gap(base)) };
    });
    const flippers = moved.filter((m) => m.flips);
    const pool = flippers.length > 0 ? flippers : moved;
    const expected = pool.reduce((a, b) => (b.by > a.by ? b : a));

    const s = base.sensitivity!;
    expect(s.assumption).toBe(expected.name);
    // As the cost table prints them: cents below $10,000, whole dollars from there.
    const usd = (n: number) => `$${n.toLocaleString('en-US', n < 10_000 ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumFractionDigits: 0 })}`;
    expect(s.sentence).toContain(`(${usd(monthly(base, 'aws-lambda'))} to ${usd(monthly(expected.r, 'aws-lambda'))})`);
    expect(s.sentence).toContain(`(${usd(cheapestServer(base))} to ${usd(cheapestServer(expected.r))})`);
    expect(s.sentence.endsWith('That would make servers the cheaper option.') || s.sentence.endsWith('That would make AWS Lambda the cheaper option.')).toBe(expected.flips);
  });

  it('halves a high CPU share rather than doubling it past 100%', () => {
    const w = workload({ cpuShare: 0.9, nature: 'cpu-bound', trigger: 'queue', duration: { typicalMs: 5000, worstMs: 5000 }, memoryMb: 256 });
    const report = estimateCosts(w, catalog);
    if (report.sensitivity!.assumption === 'cpu-share') expect(report.sensitivity!.sentence).toMatch(/^Halving the CPU share/);
    expect(report.sensitivity!.sentence).not.toMatch(/Doubling the CPU share/);
  });
});
