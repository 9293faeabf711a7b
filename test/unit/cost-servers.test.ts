import { describe, expect, it } from 'vitest';
import { shippedCatalog, testWorkload } from '../helpers/cost-fixtures.js';
import { estimateCosts } from '../../src/core/cost/estimate-costs.js';
import type { PlatformId } from '../../src/core/cost/cost-types.js';
import { flatProfile, profileFromBands } from '../../src/core/traffic.js';
import type { ResolvedWorkload, Trigger } from '../../src/core/workload.js';

const catalog = shippedCatalog();

/** Server tables start from a 200 ms, 512 MB workload. */
function workload(over: Partial<ResolvedWorkload> = {}): ResolvedWorkload {
  return testWorkload({ duration: { typicalMs: 200, worstMs: 200 }, memoryMb: 512, ...over });
}
const get = (w: ResolvedWorkload, p: PlatformId) => estimateCosts(w, catalog).costs.find((c) => c.platform === p)!;

describe('EC2 fleets are sized for the peak hour', () => {
  it.each([
    // trigger, peak req/s, expected fleet line
    ['http', 0.01, 't3.micro x 2'], // 819 MB usable holds the 512 MB app
    ['queue', 0.01, 't3.micro x 1'],
    ['http', 100, 'c5.xlarge x 2'], // 6.7 vCPU: 4 x c5.large costs the same, fewer wins
    ['http', 1000, 'c5.xlarge x 17'], // 66.7 vCPU
  ] as [Trigger, number, string][])('%s at %s req/s -> %s', (trigger, rps, fleet) => {
    const ec2 = get(workload({ trigger, traffic: { hourly: flatProfile(rps * 3600), basis: 'steady', echo: '' } }), 'aws-ec2');
    expect(ec2.lines[0]!.label).toBe(fleet);
  });

  it('keeps two instances for user-facing work and one for background work', () => {
    for (const trigger of ['http', 'webhook', 'websocket'] as const) expect(get(workload({ trigger }), 'aws-ec2').sizing).toContain('minimum 2');
    for (const trigger of ['queue', 'schedule', 'storage-event', 'stream'] as const) expect(get(workload({ trigger }), 'aws-ec2').sizing).toContain('minimum 1');
  });

  it('sizes on CPU time, not wall-clock time: 1000 req/s at 100 ms and 20% CPU needs 33 vCPU, not 167', () => {
    const ec2 = get(workload({ duration: { typicalMs: 100, worstMs: 100 }, memoryMb: 1024, traffic: { hourly: flatProfile(3_600_000), basis: 'steady', echo: '' } }), 'aws-ec2');
    expect(ec2.sizing).toBe('17 x c5.large 24/7 for a peak of 1,000 req/s needing 33 vCPU at 60% target utilisation; minimum 2');
    expect(ec2.monthlyUsd).toBeCloseTo(17 * 730 * 0.085 + 730 * 0.0225 + (2628e6 / 3600 / 125) * 0.008, 2);
  });

  it('counts only the baseline CPU of burstable types', () => {
    // 1.2 vCPU at peak: a t3.small sustains 0.4, so three of them (not one at 2 vCPU).
    const ec2 = get(workload({ trigger: 'queue', cpuShare: 1, nature: 'cpu-bound', memoryMb: 256, duration: { typicalMs: 720, worstMs: 720 } }), 'aws-ec2');
    expect(ec2.lines[0]!.label).toBe('t3.small x 3');
    expect(ec2.sizing).toContain('counting its 0.4 sustained vCPU');
  });

  it('holds CPU-bound jobs in memory, counted once: each job in flight takes the whole memory setting, and nothing more', () => {
    // 1 job/s of 8 s at 3 GB = 8 jobs in flight = 24 GB of working sets, with no separate app beside them.
    const ec2 = get(workload({ trigger: 'queue', nature: 'cpu-bound', cpuShare: 0.05, memoryMb: 3072, duration: { typicalMs: 8000, worstMs: 8000 } }), 'aws-ec2');
    const [type, count] = ec2.lines[0]!.label.split(' x ');
    const memoryGib = catalog.aws.ec2.instances[type!]!.memoryGib;
    const usable = Number(count) * memoryGib * 1024 * 0.8;
    expect(usable).toBeGreaterThanOrEqual(8 * 3072);
    // Counted twice (an app copy per instance as well) it would need more than this fleet holds.
    expect(usable).toBeLessThan(8 * 3072 + Number(count) * 3072);
  });

  it('does not double the memory of 200 long transcodes a day: the fleet follows the 8 GB working sets and their CPU', () => {
    // 200 a day x 45 min = 6.25 jobs in flight: 50 GB of working sets and 9.4 vCPU at 60%.
    const transcodes = workload({
      trigger: 'queue', nature: 'cpu-bound', cpuShare: 0.9, memoryMb: 8192, duration: { typicalMs: 2_700_000, worstMs: 2_700_000 },
      traffic: { hourly: flatProfile(200 / 24), basis: 'total', echo: '' },
    });
    const ec2 = get(transcodes, 'aws-ec2');
    const [type, count] = ec2.lines[0]!.label.split(' x ');
    const instance = catalog.aws.ec2.instances[type!]!;
    expect(Number(count) * instance.memoryGib * 1024 * 0.8).toBeGreaterThanOrEqual(6.25 * 8192);
    expect(Number(count) * instance.memoryGib * 1024 * 0.8).toBeLessThan(6.25 * 8192 * 1.6);
  });

  it('uses the workload architecture: Arm types for Arm, x86 types for x86', () => {
    expect(get(workload({ architecture: 'arm' }), 'aws-ec2').lines[0]!.label).toMatch(/^(t4g|c7g|m7g)\./);
    expect(get(workload({ architecture: 'x86' }), 'aws-ec2').lines[0]!.label).toMatch(/^(t3|c5|c6i|m5|m6i)\./);
  });

  it('puts an ALB in front of user-facing servers only', () => {
    expect(get(workload({ trigger: 'http' }), 'aws-ec2').lines.map((l) => l.label)).toContain('ALB hours');
    expect(get(workload({ trigger: 'schedule' }), 'aws-ec2').lines.map((l) => l.label)).not.toContain('ALB hours');
    expect(get(workload({ trigger: 'queue' }), 'aws-ec2').lines.map((l) => l.label)).toContain('SQS requests');
  });

  it('prices a 64 GB job on a memory-optimised type instead of calling it n/a', () => {
    const ec2 = get(workload({ trigger: 'queue', nature: 'cpu-bound', cpuShare: 0.9, memoryMb: 65_536 }), 'aws-ec2');
    expect(ec2.available).toBe(true);
    expect(ec2.lines[0]!.label).toBe('r5.4xlarge x 1');
  });

  it('says so when no catalog instance holds the app', () => {
    const ec2 = get(workload({ memoryMb: 200_000 }), 'aws-ec2');
    expect(ec2.available).toBe(false);
    expect(ec2.unavailableReason).toBe('200,000 MB of memory does not fit the largest catalog instance (128 GiB)');
  });
});

describe('Fargate tasks follow the hourly profile', () => {
  // 10 req/s for 12 hours, nothing for 12: 0.25 vCPU / 1 GB tasks, 3 in the busy hours
  // (10 req/s x 0.2 s x 20% / 60% = 0.67 vCPU), 1 otherwise: 48 task-hours a day.
  const w = workload({ trigger: 'queue', traffic: { hourly: profileFromBands([{ fromHour: 8, toHour: 20, requestsPerHour: 36_000 }], 0), basis: 'bands', echo: '' } });
  const fargate = get(w, 'aws-fargate');

  it('bills 1,460 task-hours of 0.25 vCPU / 1 GB', () => {
    expect(fargate.lines.map((l) => [l.label, Number(l.quantity.toFixed(6)), l.unitPriceUsd])).toEqual([
      ['Fargate vCPU (0.25 vCPU tasks)', 365, 0.04048],
      ['Fargate memory (1 GB tasks)', 1460, 0.004445],
      ['SQS requests', 15.768, 0.4],
    ]);
    expect(fargate.monthlyUsd).toBeCloseTo(365 * 0.04048 + 1460 * 0.004445 + 15.768 * 0.4, 2);
    expect(fargate.sizing).toBe('0.25 vCPU / 1 GB tasks following the hourly profile: 1-3 tasks, 1,460 task-hours a month at 60% target utilisation');
  });

  it('costs less than the EC2 fleet sized for the same peak all day', () => {
    expect(fargate.monthlyUsd!).toBeLessThan(get(w, 'aws-ec2').monthlyUsd!);
  });
});
