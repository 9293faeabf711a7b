import { describe, expect, it } from 'vitest';
import { measuredService } from '../../src/core/metrics/measured-service.js';
import type { HourlyPoint, MetricsReading, ServiceSettings } from '../../src/core/metrics/metric-types.js';
import { shippedCatalog } from '../helpers/cost-fixtures.js';

// An ECS service's series -> its size, load and cost now, each figure checked by hand.

const catalog = shippedCatalog();
const END = Date.parse('2026-11-30T00:00:00Z');
const HOUR = 3_600_000;
const WINDOW = { start: new Date(END - 14 * 24 * HOUR).toISOString(), end: new Date(END).toISOString(), days: 14 };

function series(hours: number, value: (i: number) => number): HourlyPoint[] {
  return Array.from({ length: hours }, (_, i) => ({ at: new Date(END - (hours - i) * HOUR).toISOString(), value: value(i) }));
}

const FARGATE: ServiceSettings = { taskDefinition: 'api:3', cpuUnits: 2048, memoryMb: 4096, architecture: 'x86', launchType: 'fargate', desiredCount: 5 };

function reading(over: Partial<MetricsReading> = {}): MetricsReading {
  return { source: { kind: 'ecs', cluster: 'prod', service: 'api' }, region: 'eu-west-1', window: WINDOW, series: { cpuAverage: series(336, () => 20) }, serviceSettings: FARGATE, ...over };
}

describe('measuredService', () => {
  it.each([
    // what, reading, tasks, cost now by hand (tasks x 730 h x (vCPU x $0.04048 + GB x $0.004445))
    ['the desired count when tasks are not measured', reading(), { average: 5, peak: 5, basis: 'desired count' }, Math.round(5 * 730 * (2 * 0.04048 + 4 * 0.004445) * 100) / 100],
    ['measured tasks, averaged over the hours with data', reading({ series: { cpuAverage: series(336, () => 20), runningTasks: series(336, (i) => (i % 2 ? 3 : 1)) } }), { average: 2, peak: 3, basis: 'measured' }, Math.round(2 * 730 * (2 * 0.04048 + 4 * 0.004445) * 100) / 100],
    ['Graviton prices for an arm64 task', reading({ serviceSettings: { ...FARGATE, architecture: 'arm', desiredCount: 1 } }), { average: 1, peak: 1, basis: 'desired count' }, Math.round(730 * (2 * 0.03238 + 4 * 0.00356) * 100) / 100],
    ['no per-task price on EC2 capacity', reading({ serviceSettings: { ...FARGATE, launchType: 'ec2' } }), { average: 5, peak: 5, basis: 'desired count' }, null],
  ])('%s', (_what, given, tasks, nowUsd) => {
    const result = measuredService(given, catalog);
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.measurement.tasks).toEqual(tasks);
    expect(result.measurement.now?.monthlyUsd ?? null).toBe(nowUsd);
  });

  it('a service newer than the window is measured from its first hour', () => {
    const result = measuredService(reading({ series: { cpuAverage: series(72, () => 40) } }), catalog);
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.measurement).toMatchObject({ coveredDays: 3, note: 'measured over 3 days', coveredFrom: new Date(END - 72 * HOUR).toISOString() });
  });

  it('the busiest CPU is the highest hourly Maximum, else the highest hourly Average', () => {
    const withMax = measuredService(reading({ series: { cpuAverage: series(336, (i) => 10 + (i % 5)), cpuPeak: series(336, (i) => (i === 7 ? 93 : 50)) } }), catalog);
    const withoutMax = measuredService(reading({ series: { cpuAverage: series(336, (i) => 10 + (i % 5)) } }), catalog);
    expect(withMax.ok && withMax.measurement.cpuPercent).toEqual({ average: 12, peak: 93 });
    expect(withoutMax.ok && withoutMax.measurement.cpuPercent).toEqual({ average: 12, peak: 14 });
  });

  it('no CPU datapoints: one sentence naming the service, the region and the window', () => {
    const result = measuredService(reading({ series: {} }), catalog);
    expect(result).toEqual({ ok: false, failure: { code: 'no-data', message: 'ecs:prod/api has no CPUUtilization in eu-west-1 in the 14 days to 2026-11-30 00:00 UTC: it ran no tasks in that time, or the cluster, service or region is wrong.' } });
  });
});
