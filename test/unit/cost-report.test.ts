import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedCatalog, testWorkload } from '../helpers/cost-fixtures.js';
import { estimateCosts } from '../../src/core/cost/estimate-costs.js';
import { PLATFORM_IDS, type CostReport, type PlatformId } from '../../src/core/cost/cost-types.js';
import { averageRps, flatProfile, scaleTraffic } from '../../src/core/traffic.js';
import { TRIGGERS } from '../../src/core/workload.js';

const catalog = shippedCatalog();

const workload = testWorkload;
const get = (r: CostReport, p: PlatformId) => r.costs.find((c) => c.platform === p)!;

describe('low / expected / high', () => {
  it('is exact when the traffic and duration were exact', () => {
    const lambda = get(estimateCosts(workload(), catalog), 'aws-lambda');
    expect(lambda.range).toEqual({ low: lambda.monthlyUsd, expected: lambda.monthlyUsd, high: lambda.monthlyUsd });
  });

  it('spans the traffic spread and the worst-case duration', () => {
    // A storage-event function is linear in requests and in duration (no gateway).
    const w = workload({ trigger: 'storage-event', duration: { typicalMs: 100, worstMs: 300 }, traffic: { hourly: flatProfile(36_000), basis: 'steady', echo: '', spread: { low: 0.5, high: 2 } } });
    const lambda = get(estimateCosts(w, catalog), 'aws-lambda');
    const requests = 26.28; // millions at 10 req/s
    const at = (share: number, ms: number) => requests * share * 0.2 + requests * 1e6 * share * (ms / 1000) * 0.0000166667;
    expect(lambda.range!.low).toBeCloseTo(at(0.5, 100), 2);
    expect(lambda.range!.expected).toBeCloseTo(at(1, 100), 2);
    expect(lambda.range!.high).toBeCloseTo(at(2, 300), 2);
  });
});

function chartOf(report: CostReport): NonNullable<CostReport['chart']> {
  if (!report.chart) throw new Error('expected chart points');
  return report.chart;
}

describe('the chart', () => {
  it('is left out when the caller does not need it', () => {
    expect(estimateCosts(workload({}), catalog, { chart: false }).chart).toBeNull();
  });

  const w = workload({ traffic: { hourly: flatProfile(3600 * 5), basis: 'steady', echo: '' } });
  const report = estimateCosts(w, catalog);
  const chart = chartOf(report);

  it('has a series for each available platform, in order, with 40 points', () => {
    const available = report.costs.filter((c) => c.available);
    expect(chart.series.map((s) => [s.platform, s.label])).toEqual(available.map((c) => [c.platform, c.label]));
    for (const s of chart.series) expect(s.points).toHaveLength(40);
  });

  it('spans the current traffic /100 .. x100 on a log scale, widened to show the break-even', () => {
    const xs = chart.series[0]!.points.map((p) => p.rps);
    expect(xs[0]).toBeCloseTo(5 / 100, 9);
    expect(xs.at(-1)).toBeCloseTo(5 * 100, 6);
    const ratios = xs.slice(1).map((x, i) => x / xs[i]!);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 9);
    expect(chart.currentRps).toBeCloseTo(5, 9);
    expect(chart.breakEvenRps).toBe(report.breakEven!.averageRps);
  });

  it('prices each point as the engine would at that traffic', () => {
    for (const i of [0, 13, 39]) {
      const point = chart.series[0]!.points[i]!;
      const there = estimateCosts({ ...w, traffic: scaleTraffic(w.traffic, point.rps / averageRps(w.traffic.hourly)) }, catalog);
      for (const s of chart.series) expect(s.points[i]!.monthlyUsd).toBeCloseTo(get(there, s.platform).monthlyUsd!, 6);
    }
  });

  it('widens the range to include a break-even far from the current traffic', () => {
    const tiny = estimateCosts(workload({ traffic: { hourly: flatProfile(0.36), basis: 'steady', echo: '' } }), catalog);
    const xs = chartOf(tiny).series[0]!.points.map((p) => p.rps);
    expect(xs.at(-1)!).toBeGreaterThanOrEqual(tiny.breakEven!.averageRps! * 3 * 0.999);
  });

  it('marks each line at the current traffic with the figure the card shows', () => {
    for (const s of chart.series) expect(s.currentUsd).toBe(get(report, s.platform).monthlyUsd);
    expect(chart.series.map((s) => s.kind)).toEqual(chart.series.map((s) => get(report, s.platform).kind));
    expect(chart.recommended).toBeNull(); // the card decides it
    expect(chart.noBreakEven).toBeNull();
  });

  it.each([
    ['a 45-minute nightly job', workload({ trigger: 'schedule', traffic: { hourly: [1, ...Array<number>(23).fill(0)], basis: 'total', echo: '' }, duration: { typicalMs: 2_700_000, worstMs: 2_700_000 }, memoryMb: 4096 })],
    ['a 512 MB API', workload({ memoryMb: 512 })],
  ])('lists the platforms left off for %s with their reasons, and keeps the current traffic in range', (_name, w) => {
    const r = estimateCosts(w, catalog);
    const c = chartOf(r);
    const na = r.costs.filter((x) => !x.available);
    expect(na.length).toBeGreaterThan(0);
    expect(c.unavailable).toEqual(na.map((x) => ({ platform: x.platform, label: x.label, reason: x.unavailableReason })));
    expect(c.series.map((s) => s.platform)).toEqual(r.costs.filter((x) => x.available).map((x) => x.platform));
    const xs = c.series[0]!.points.map((p) => p.rps);
    expect(xs[0]!).toBeLessThanOrEqual(c.currentRps);
    expect(xs.at(-1)!).toBeGreaterThanOrEqual(c.currentRps);
  });

  it.each([
    ['Lambda cannot run it', workload({ duration: { typicalMs: 1_200_000, worstMs: 1_200_000 } }), /^AWS Lambda cannot run this workload/],
    ['the lines never cross', workload({ memoryMb: 128, trigger: 'schedule', duration: { typicalMs: 2000, worstMs: 2000 } }), /^AWS Lambda stays cheaper than servers across/],
  ])('says why there is no break-even when %s', (_name, w, said) => {
    const r = estimateCosts(w, catalog);
    const c = chartOf(r);
    if (c.breakEvenRps !== null) return expect.fail(`expected no break-even, got ${c.breakEvenRps} req/s`);
    expect(c.noBreakEven).toMatch(said);
  });

  it('is part of the JSON like any other field', () => {
    const json = JSON.parse(JSON.stringify(report)) as CostReport;
    expect(chartOf(json).series[0]!.points[0]!.monthlyUsd).toBeCloseTo(chart.series[0]!.points[0]!.monthlyUsd, 9);
    expect(Object.keys(json)).toContain('chart');
    const copy = { ...report };
    expect(copy.chart).toBe(report.chart);
  });
});

describe('assumptions and catalog', () => {
  const report = estimateCosts(workload({ trigger: 'http' }), catalog);

  it('names the catalog version and date', () => {
    expect(report.catalogVersion).toBe(catalog.version);
    expect(report.catalogAsOf).toBe(catalog.asOf);
  });

  it.each([
    ['month and prices', /Month = 730 hours; on-demand list prices from catalog .* before any free tier/],
    ['Lambda GB-s', /Lambda GB-s = requests x 100 ms x 1,024 MB \/ 1024 \(1 GB\)/],
    ['the gateway', /API Gateway HTTP API sits in front of Lambda/],
    ['target utilisation', /\/ 60% target utilisation/],
    ['server memory', /10% of it \(102.4 MB; requests waiting on I\/O/],
    ['minimum instances', /At least 2 instances or tasks at all times for a user-facing http workload/],
    ['burstable CPU', /burstable t3\/t4g types count only their baseline CPU/],
    ['ALB LCUs', /1 LCU per 125 req\/s/],
    ['Cloud Run vCPU', /Cloud Run functions: 0.583 vCPU, Google's default for 1,024 MB/],
    ['Azure plan', /Azure Functions: Consumption plan/],
    ['Workers CPU', /Cloudflare Workers bill CPU time only/],
  ])('states %s', (_name, pattern) => {
    expect(report.assumptions.some((a) => pattern.test(a)), report.assumptions.join('\n')).toBe(true);
  });

  it.each([
    ['queue', /SQS standard at 1.2 requests per message/],
    ['storage-event', /No gateway line for a storage-event trigger/],
    ['websocket', /connection minutes are not included/],
  ] as const)('states what is in front of a %s trigger', (trigger, pattern) => {
    expect(estimateCosts(workload({ trigger }), catalog).assumptions.some((a) => pattern.test(a))).toBe(true);
  });

  it('flags a Lambda concurrency above the default regional quota', () => {
    const busy = estimateCosts(workload({ traffic: { hourly: flatProfile(3_600_000), basis: 'steady', echo: '' }, duration: { typicalMs: 2000, worstMs: 2000 } }), catalog);
    expect(busy.assumptions).toContain('Lambda needs about 2,000 concurrent executions at the peak: above the default 1,000 a region, so ask for a quota increase.');
  });
});

describe('every report adds up (random workloads)', () => {
  const arbitraryWorkload = fc.record({
    trigger: fc.constantFrom(...TRIGGERS),
    hourly: fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 24, maxLength: 24 }),
    typicalMs: fc.integer({ min: 1, max: 1_200_000 }),
    extraMs: fc.integer({ min: 0, max: 600_000 }),
    memoryMb: fc.integer({ min: 128, max: 16_384 }),
    cpuShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
    nature: fc.constantFrom('cpu-bound' as const, 'io-bound' as const, 'mixed' as const),
    architecture: fc.constantFrom('x86' as const, 'arm' as const),
    spread: fc.option(fc.record({ low: fc.double({ min: 0.1, max: 1, noNaN: true }), high: fc.double({ min: 1, max: 10, noNaN: true }) }), { nil: undefined }),
  });

  it('quantity x unit price = amount; lines sum to the monthly figure; low <= expected <= high', () => {
    fc.assert(
      fc.property(arbitraryWorkload, (a) => {
        const w = workload({
          trigger: a.trigger,
          traffic: { hourly: a.hourly, basis: 'bands', echo: '', ...(a.spread ? { spread: a.spread } : {}) },
          duration: { typicalMs: a.typicalMs, worstMs: a.typicalMs + a.extraMs },
          memoryMb: a.memoryMb,
          cpuShare: a.cpuShare,
          nature: a.nature,
          architecture: a.architecture,
        });
        const report = estimateCosts(w, catalog);
        // AWS Batch is listed for jobs only: background runs of a minute or more.
        const job = ['queue', 'schedule', 'storage-event', 'stream'].includes(a.trigger) && a.typicalMs + a.extraMs >= 60_000;
        expect(report.costs.map((c) => c.platform)).toEqual(PLATFORM_IDS.filter((p) => p !== 'aws-batch' || job));
        for (const c of report.costs) {
          if (!c.available) {
            expect(c.monthlyUsd).toBeNull();
            expect(c.unavailableReason).toBeTruthy();
            continue;
          }
          let sum = 0;
          for (const l of c.lines) {
            expect(l.amountUsd).toBeCloseTo(l.quantity * l.unitPriceUsd, 6);
            expect(l.quantity).toBeGreaterThanOrEqual(0);
            expect(l.priceRef).toMatch(/^(aws|gcp|azure|cloudflare)\./);
            sum += l.amountUsd;
          }
          expect(c.monthlyUsd).toBeCloseTo(sum, 6);
          for (const l of c.freeTier) expect(l.amountUsd).toBeLessThanOrEqual(0);
          expect(c.range!.low).toBeLessThanOrEqual(c.range!.expected + 1e-9);
          expect(c.range!.expected).toBeLessThanOrEqual(c.range!.high + 1e-9);
          expect(Number.isFinite(c.monthlyUsd)).toBe(true);
        }
        if (report.breakEven?.averageRps != null) {
          expect(report.breakEven.averageRps).toBeGreaterThanOrEqual(1e-4);
          expect(report.breakEven.averageRps).toBeLessThanOrEqual(1e5);
        }
      }),
      { numRuns: 150 },
    );
  });
});
