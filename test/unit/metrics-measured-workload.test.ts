import { describe, expect, it } from 'vitest';
import { measuredWorkload } from '../../src/core/metrics/measured-workload.js';
import { describeSource, measureWindow, metricQueries } from '../../src/core/metrics/metric-queries.js';
import type { HourlyPoint, MetricsReading } from '../../src/core/metrics/metric-types.js';
import { parseMetricSource } from '../../src/core/metrics/parse-metric-source.js';

// The pure side of measuring: which sources are accepted, which series are
// read, the window, and hourly series -> the profile, duration and figures.

describe('parseMetricSource', () => {
  it.each([
    ['lambda:resize-images', { kind: 'lambda', functionName: 'resize-images' }],
    ['lambda:arn:aws:lambda:eu-west-1:123456789012:function:resize', { kind: 'lambda', functionName: 'arn:aws:lambda:eu-west-1:123456789012:function:resize' }],
    ['LAMBDA:Resize_Images:live', { kind: 'lambda', functionName: 'Resize_Images:live' }],
    ['apigw:a1b2c3d4e5/prod', { kind: 'apigw', apiId: 'a1b2c3d4e5', stage: 'prod' }],
    ['  apigw:a1b2c3d4e5/$default ', { kind: 'apigw', apiId: 'a1b2c3d4e5', stage: '$default' }],
    ['apigw:PetStore/v1', { kind: 'apigw', apiId: 'PetStore', stage: 'v1' }],
    ['alb:app/web/50dc6c495c0c9188', { kind: 'alb', loadBalancer: 'app/web/50dc6c495c0c9188' }],
    ['alb:web-prod', { kind: 'alb', loadBalancer: 'web-prod', byName: true }],
    ['ALB:Checkout-ALB-2', { kind: 'alb', loadBalancer: 'Checkout-ALB-2', byName: true }],
    [`alb:${'a'.repeat(32)}`, { kind: 'alb', loadBalancer: 'a'.repeat(32), byName: true }],
    ['alb:arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188', { kind: 'alb', loadBalancer: 'app/web/50dc6c495c0c9188' }],
    ['sqs:orders.fifo', { kind: 'sqs', queueName: 'orders.fifo' }],
    ['ecs:prod/web', { kind: 'ecs', cluster: 'prod', service: 'web' }],
    ['ECS:Prod_Cluster/checkout-api', { kind: 'ecs', cluster: 'Prod_Cluster', service: 'checkout-api' }],
  ])('%s', (text, source) => {
    expect(parseMetricSource(text)).toEqual({ ok: true, source });
  });

  it.each([
    ['resize-images', /is not a source to measure: use lambda:<function-name>, apigw/],
    ['ec2:i-0abc', /is not a source to measure/],
    ['lambda:', /is not a Lambda function name/],
    ['lambda:has space', /is not a Lambda function name/],
    [`lambda:${'x'.repeat(65)}`, /is not a Lambda function name/],
    ['apigw:prod', /use apigw:<api-id>\/<stage>/],
    ['apigw:a1b2c3d4e5/prod/extra', /use apigw:<api-id>\/<stage>/],
    ['apigw:pet store/prod', /use apigw:<api-id>\/<stage>/],
    ['alb:my_alb', /is not a load balancer: use alb:<name> \(up to 32 letters, digits and hyphens\), alb:app\/<name>\/<id> or its ARN\.$/],
    ['alb:-web', /is not a load balancer: use alb:<name>/],
    ['alb:web-', /is not a load balancer: use alb:<name>/],
    [`alb:${'a'.repeat(33)}`, /is not a load balancer: use alb:<name>/],
    ['alb:app/web', /is not a load balancer: use alb:<name>/],
    ['alb:net/tcp-ingress/7a1f0c2d9e3b4a58', /is not a load balancer: use alb:<name>/],
    ['alb:', /is not a load balancer: use alb:<name>/],
    ['sqs:https://sqs.eu-west-1.amazonaws.com/123/orders', /is not an SQS queue name/],
    ['ecs:prod', /use ecs:<cluster>\/<service>/],
    ['ecs:prod/web/extra', /use ecs:<cluster>\/<service>/],
    ['ecs:arn:aws:ecs:eu-west-1:123456789012:service/prod/web', /use ecs:<cluster>\/<service>/],
    [`lambda:${'<script>'.repeat(40)}`, /\.\.\."/],
  ])('%s: one sentence', (text, error) => {
    const parsed = parseMetricSource(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('reads back as typed', () => {
    for (const text of ['lambda:f', 'apigw:a1b2c3d4e5/prod', 'alb:app/web/50dc6c495c0c9188', 'sqs:q']) {
      const parsed = parseMetricSource(text);
      expect(parsed.ok && describeSource(parsed.source)).toBe(text);
    }
  });
});

describe('metricQueries', () => {
  it.each([
    [{ kind: 'lambda', functionName: 'f' } as const, ['requests AWS/Lambda Invocations Sum', 'durationAverage AWS/Lambda Duration Average', 'durationP99 AWS/Lambda Duration p99', 'concurrency AWS/Lambda ConcurrentExecutions Maximum', 'errors AWS/Lambda Errors Sum', 'throttles AWS/Lambda Throttles Sum']],
    [{ kind: 'alb', loadBalancer: 'app/web/50dc6c495c0c9188' } as const, ['requests AWS/ApplicationELB RequestCount Sum', 'durationAverage AWS/ApplicationELB TargetResponseTime Average', 'durationP99 AWS/ApplicationELB TargetResponseTime p99']],
    [{ kind: 'sqs', queueName: 'q' } as const, ['requests AWS/SQS NumberOfMessagesReceived Sum']],
  ])('%o', (source, expected) => {
    expect(metricQueries(source).map((q) => `${q.role} ${q.namespace} ${q.metricName} ${q.stat}`)).toEqual(expected);
  });

  it('ALB response times arrive in seconds and are turned into milliseconds', () => {
    expect(metricQueries({ kind: 'alb', loadBalancer: 'app/web/50dc6c495c0c9188' }).map((q) => q.toCoreUnit)).toEqual([1, 1000, 1000]);
  });

  it('API Gateway is read under ApiId (HTTP APIs) and ApiName (REST APIs)', () => {
    const dims = metricQueries({ kind: 'apigw', apiId: 'a1b2c3d4e5', stage: 'prod' }).map((q) => q.dimensions.map((d) => d.name).join('+'));
    expect(new Set(dims)).toEqual(new Set(['ApiId+Stage', 'ApiName+Stage']));
  });
});

describe('measureWindow', () => {
  it.each([
    ['2026-11-30T10:30:00Z', 14, '2026-11-16T10:00:00.000Z', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30T10:00:00Z', 1, '2026-11-29T10:00:00.000Z', '2026-11-30T10:00:00.000Z'],
    ['2026-03-01T00:59:59Z', 28, '2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
  ])('%s, %i days: whole hours, the unfinished one left out', (now, days, start, end) => {
    expect(measureWindow(new Date(now), days)).toEqual({ start, end, days });
  });
});

const HOUR = 3_600_000;
const WINDOW = measureWindow(new Date('2026-11-30T10:30:00Z'), 14);

function hourly(value: (at: Date) => number | null): HourlyPoint[] {
  const out: HourlyPoint[] = [];
  for (let t = Date.parse(WINDOW.start); t < Date.parse(WINDOW.end); t += HOUR) {
    const v = value(new Date(t));
    if (v !== null) out.push({ at: new Date(t).toISOString(), value: v });
  }
  return out;
}

function reading(series: MetricsReading['series'], extra: Partial<MetricsReading> = {}): MetricsReading {
  return { source: { kind: 'lambda', functionName: 'f' }, region: 'eu-west-1', window: WINDOW, series, ...extra };
}

describe('measuredWorkload', () => {
  it('a flat 1,000 an hour: a flat profile, exact, over HTTP left unsaid for Lambda', () => {
    const m = measuredWorkload(reading({ requests: hourly(() => 1000) }));
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.facts.traffic?.hourly).toEqual(new Array(24).fill(1000));
    expect(m.facts.traffic?.spread).toBeUndefined();
    expect(m.facts.trigger).toBeUndefined();
    expect(m.measurement).toMatchObject({ coveredDays: 14, note: 'measured over 14 days', requests: { total: 336_000, averagePerHour: 1000, peakPerHour: 1000 } });
  });

  it.each([
    ['weekday office hours, quiet weekends', (d: Date) => (d.getUTCDay() % 6 === 0 ? 10 : d.getUTCHours() === 9 ? 7000 : 0), { weekday9: 7000, weekend9: 10, typical9: (5 * 7000 + 2 * 10) / 7 }],
    ['a weekend-only game night', (d: Date) => (d.getUTCDay() % 6 === 0 && d.getUTCHours() === 9 ? 700 : 0), { weekday9: 0, weekend9: 700, typical9: 200 }],
  ])('%s: weekday and weekend apart, a month mixes them 5:2', (_name, value, expected) => {
    const m = measuredWorkload(reading({ requests: hourly(value) }));
    if (!m.ok) throw new Error(m.failure.message);
    expect(m.measurement.requests.weekdayHourly[9]).toBeCloseTo(expected.weekday9, 9);
    expect(m.measurement.requests.weekendHourly[9]).toBeCloseTo(expected.weekend9, 9);
    expect(m.facts.traffic?.hourly[9]).toBeCloseTo(expected.typical9, 9);
  });

  it('idle hours have no datapoint and count as zero', () => {
    const m = measuredWorkload(reading({ requests: hourly((d) => (d.getUTCHours() === 3 ? 240 : null)) }));
    if (!m.ok) throw new Error(m.failure.message);
    expect(m.facts.traffic?.hourly).toEqual(Array.from({ length: 24 }, (_, h) => (h === 3 ? 240 : 0)));
    expect(m.measurement.requests.averagePerHour).toBe(10);
  });

  it('a workload that started 4 days ago is measured over those 4 days, not diluted over 14', () => {
    const since = Date.parse(WINDOW.end) - 4 * 24 * HOUR;
    const m = measuredWorkload(reading({ requests: hourly((d) => (d.getTime() >= since ? 500 : null)) }));
    if (!m.ok) throw new Error(m.failure.message);
    expect(m.measurement.note).toBe('measured over 4 days');
    expect(m.measurement.requests.averagePerHour).toBe(500);
    expect(m.facts.traffic?.hourly).toEqual(new Array(24).fill(500));
  });

  it('duration: the average weighted by requests, the worst the slowest hour\'s p99', () => {
    const requests = hourly((d) => (d.getUTCHours() === 8 ? 9000 : 1000));
    const durationAverage = hourly((d) => (d.getUTCHours() === 8 ? 200 : 100));
    const durationP99 = hourly((d) => (d.getUTCHours() === 8 ? 900 : 300));
    const m = measuredWorkload(reading({ requests, durationAverage, durationP99 }, { functionSettings: { memoryMb: 1769, architecture: 'arm' } }));
    if (!m.ok) throw new Error(m.failure.message);
    // (9,000 x 200 + 23 x 1,000 x 100) / 32,000 = 128.125 ms, kept to 0.1 ms.
    expect(m.facts.duration).toEqual({ typicalMs: 128.1, worstMs: 900 });
    expect(m.facts).toMatchObject({ memoryMb: 1769, architecture: 'arm' });
    expect(m.measurement.figures.map((f) => `${f.label}: ${f.note}`)).toEqual([
      'Period: measured over 14 days',
      'Requests: measured over 14 days',
      'Weekday vs weekend: measured over 14 days',
      'Duration: measured over 14 days',
      'Memory: configured on the function',
    ]);
  });

  it.each([
    ['no datapoints at all', []],
    ['only zeros', hourly(() => 0)],
    ['garbage values', [{ at: 'not a time', value: 5 }, { at: WINDOW.start, value: Number.NaN }]],
  ])('%s: a no-data failure naming the metric, region and period', (_name, requests) => {
    expect(measuredWorkload(reading({ requests }))).toEqual({
      ok: false,
      failure: { code: 'no-data', message: 'lambda:f has no Invocations in eu-west-1 in the 14 days to 2026-11-30 10:00 UTC: it did not run in that time, or the name or region is wrong.' },
    });
  });

  it.each([
    [{ kind: 'apigw', apiId: 'a1b2c3d4e5', stage: 'prod' } as const, 'http'],
    [{ kind: 'alb', loadBalancer: 'app/web/50dc6c495c0c9188' } as const, 'http'],
    [{ kind: 'sqs', queueName: 'q' } as const, 'queue'],
  ])('%o implies its trigger: %s', (source, trigger) => {
    const m = measuredWorkload(reading({ requests: hourly(() => 1) }, { source }));
    expect(m.ok && m.facts.trigger).toBe(trigger);
  });
});
