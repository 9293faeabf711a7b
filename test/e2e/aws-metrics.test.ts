import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCloudWatchMetricsReader } from '../../src/adapters/aws/cloudwatch-metrics-reader.js';
import { runAssessFrom, type AssessFromOptions } from '../../src/adapters/cli/assess-from-command.js';
import type { AwsSettings } from '../../src/config.js';
import { assess } from '../../src/core/assess.js';
import { assessmentJson } from '../../src/core/assessment-json.js';
import type { measurementJson, serviceMeasurementJson } from '../../src/core/metrics/measured-card.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { shippedCatalog } from '../helpers/cost-fixtures.js';
import { loadRecordedSeries, NOTIFY_WORDS } from './fakes/aws-recorded-series.js';
import { startFakeAws, type FakeAws } from './fakes/aws-server.js';

// The real AWS SDK v3 clients (CloudWatch, Lambda) against a fake AWS on
// 127.0.0.1, through the command `assess --from` runs: signing, paging,
// throttling with a retry, each failure as one sentence, and measured traffic
// giving the same answer as the same traffic typed in words.

const NOW = new Date('2026-11-30T10:30:00Z');
const KEY_ID = 'AKIAFAKEKEYID0000001';
const SECRET = 'fake/secret+that+must+never+be+printed';
const catalog = shippedCatalog();
const home = mkdtempSync(join(tmpdir(), 'sf-aws-'));
let fake: FakeAws;
let settings: AwsSettings;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeAws();
  loadRecordedSeries(fake, NOW.getTime());
  settings = { region: 'eu-west-1', profile: undefined, endpoints: { cloudwatch: fake.url, lambda: fake.url, ecs: fake.url, elbv2: fake.url, sts: fake.url } };
  // The SDK's default chain finds these in the environment, as it would in CI; no profile files, no instance metadata.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  rmSync(home, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.pageSize = 500;
  fake.throttleNext(0);
  fake.denyMetrics(false);
  fake.denyFunctions(false);
  fake.denyLoadBalancers(false);
});

/** What `assess --from --json` prints when it completes. */
type MeasuredJson = ReturnType<typeof assessmentJson> & { measured: ReturnType<typeof measurementJson> };

async function assessFrom(from: string, extra: Partial<AssessFromOptions> = {}, aws: AwsSettings = settings) {
  let out = '';
  let err = '';
  const code = await runAssessFrom(
    {
      metricsReader: (region) => createCloudWatchMetricsReader({ ...aws, region: region ?? aws.region }),
      catalog,
      now: () => NOW,
      out: { write: (s: string) => ((out += s), true) } as NodeJS.WritableStream,
      err: { write: (s: string) => ((err += s), true) } as NodeJS.WritableStream,
      color: false,
    },
    { from, region: undefined, days: 14, json: true, text: '', ...extra },
  );
  return { code, json: (extra.json === false ? {} : JSON.parse(out)) as MeasuredJson, out, err };
}

describe('assess --from: recorded workloads through the real SDK', () => {
  it.each([
    // source, trigger, verdict, average req/hour, busiest hour, duration avg / p99 (within 0.5-1%: the recordings jitter), memory
    ['lambda:notify-api', 'http', 'fit', 102_200 / 24, 40_200, { average: 120, p99: 450 }, 256],
    ['apigw:a1b2c3d4e5/prod', 'http', 'avoid', 3_600_000, 3_980_000, { average: 60, p99: 180 }, 512],
    ['lambda:nightly-report', 'queue', 'fit', 1 / 24, 1, { average: 240_000, p99: 252_000 }, 1024],
    ['sqs:orders', 'queue', 'fit', (10 * 105_600 + 4 * 2400) / 336, 12_000, null, 512],
    ['alb:app/web/50dc6c495c0c9188', 'http', 'avoid', (12 * 180_000 + 12 * 20_000) / 24, 180_000, { average: 85, p99: 400 }, 512],
  ] as const)('%s: %s, %s', async (from, trigger, verdict, averagePerHour, peak, durationMs, memoryMb) => {
    const { code, json } = await assessFrom(from);
    expect(code).toBe(0);
    expect(json.status).toBe('complete');
    expect(json.verdict).toBe(verdict);
    expect(json.workload.trigger).toBe(trigger);
    expect(json.workload.memoryMb).toBe(memoryMb);
    expect(json.measured.note).toBe('measured over 14 days');
    expect(json.measured.period).toMatchObject({ start: '2026-11-16T10:00:00.000Z', end: '2026-11-30T10:00:00.000Z', days: 14 });
    expect(json.measured.requests.averagePerHour / averagePerHour).toBeCloseTo(1, 2);
    expect(json.measured.requests.peakPerHour / peak).toBeCloseTo(1, 1);
    if (durationMs === null) expect(json.measured.durationMs).toBeNull();
    else {
      expect(json.measured.durationMs!.average / durationMs.average).toBeCloseTo(1, 2);
      expect(json.measured.durationMs!.p99 / durationMs.p99).toBeCloseTo(1, 1);
    }
    for (const figure of json.measured.figures) expect(figure.note).toMatch(/^(measured over 14 days|configured on the function)$/);
  });

  it('weekday and weekend shapes are kept apart; the typical day mixes five weekdays with two weekend days', async () => {
    const { json } = await assessFrom('sqs:orders');
    expect(json.measured.requests.weekdayHourly.slice(8, 10)).toEqual([600, 12_000]);
    expect(json.measured.requests.weekendHourly.slice(8, 10)).toEqual([100, 100]);
    expect(json.workload.hourlyProfile[9]).toBeCloseTo((5 * 12_000 + 2 * 100) / 7, 6);
  });

  it('every request is SigV4-signed for its service, and no credential reaches the output', async () => {
    const { out, err } = await assessFrom('lambda:notify-api');
    const services = fake.requests.map((r) => `${r.operation}:${r.signedFor}`);
    expect(new Set(services)).toEqual(new Set(['GetFunctionConfiguration:lambda', 'GetMetricData:monitoring']));
    for (const r of fake.requests) {
      expect(r.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${KEY_ID}/\\d{8}/eu-west-1/(lambda|monitoring)/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$`));
    }
    for (const text of [out, err]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(KEY_ID);
    }
  });

  it('GetMetricData is paged with NextToken until the last page, and paging changes nothing', async () => {
    const whole = (await assessFrom('lambda:notify-api')).json;
    const wholeCalls = fake.requests.filter((r) => r.operation === 'GetMetricData').length;
    fake.requests.length = 0;
    fake.pageSize = 250;
    const paged = (await assessFrom('lambda:notify-api')).json;
    const calls = fake.requests.filter((r) => r.operation === 'GetMetricData');
    expect(wholeCalls).toBe(Math.ceil((336 * 6) / 500));
    expect(calls).toHaveLength(Math.ceil((336 * 6) / 250));
    expect(calls.map((c) => (JSON.parse(c.body) as { NextToken?: string }).NextToken)).toEqual([undefined, ...Array.from({ length: calls.length - 1 }, (_, i) => String((i + 1) * 250))]);
    expect(paged.measured).toEqual(whole.measured);
    expect(paged.costs).toEqual(whole.costs);
  });

  it('a throttled request is retried by the SDK and then succeeds', async () => {
    fake.throttleNext(1);
    const { code, json } = await assessFrom('lambda:notify-api');
    expect(code).toBe(0);
    expect(json.status).toBe('complete');
    const first = fake.requests.filter((r) => r.operation === 'GetMetricData').map((r) => r.body)[0];
    expect(fake.requests.filter((r) => r.operation === 'GetMetricData' && r.body === first)).toHaveLength(2);
  });

  it.each([
    ['throttled on every attempt', () => fake.throttleNext(10), 'lambda:notify-api', 'throttled', /^CloudWatch is throttling these requests \(Throttling\), still after 3 attempts: try again in a minute\.$/],
    ['a role without cloudwatch:GetMetricData', () => fake.denyMetrics(true), 'lambda:notify-api', 'access-denied', /^Access denied: these credentials may not call cloudwatch:GetMetricData; add it/],
    ['a role without lambda:GetFunctionConfiguration', () => fake.denyFunctions(true), 'lambda:notify-api', 'access-denied', /^Access denied: these credentials may not call lambda:GetFunctionConfiguration; add it/],
    ['a function that does not exist', () => undefined, 'lambda:no-such-function', 'not-found', /^There is no Lambda function "no-such-function" in eu-west-1 for these credentials: check the name and the region\.$/],
    ['a dead function with no data', () => undefined, 'lambda:legacy-export', 'no-data', /^lambda:legacy-export has no Invocations in eu-west-1 in the 14 days to 2026-11-30 10:00 UTC: it did not run/],
    ['a queue nobody sends to', () => undefined, 'sqs:empty-queue', 'no-data', /^sqs:empty-queue has no NumberOfMessagesReceived/],
  ])('%s: one sentence, exit 1', async (_name, arrange, from, code, message) => {
    arrange();
    const json = await assessFrom(from);
    expect(json.code).toBe(1);
    expect(json.json).toEqual({ status: 'error', code, message: expect.stringMatching(message) });
    const text = await assessFrom(from, { json: false });
    expect(text.out).toBe('');
    expect(text.err.trim().split('\n')).toHaveLength(1);
  });

  it('an ALB given by its name is looked up with DescribeLoadBalancers, then measured by its ARN\'s end', async () => {
    const byName = await assessFrom('alb:web');
    const byDimension = await assessFrom('alb:app/web/50dc6c495c0c9188');
    expect(byName.code).toBe(0);
    expect(byName.json.measured).toEqual(byDimension.json.measured);
    const lookup = fake.requests.find((r) => r.operation === 'DescribeLoadBalancers');
    expect(lookup?.signedFor).toBe('elasticloadbalancing');
    expect(Object.fromEntries(new URLSearchParams(lookup?.body))).toEqual({ Action: 'DescribeLoadBalancers', Version: '2015-12-01', 'Names.member.1': 'web' });
    const dimensions = fake.requests.filter((r) => r.operation === 'GetMetricData').flatMap((r) => (JSON.parse(r.body) as { MetricDataQueries: { MetricStat: { Metric: { Dimensions: { Value: string }[] } } }[] }).MetricDataQueries);
    expect(new Set(dimensions.flatMap((q) => q.MetricStat.Metric.Dimensions.map((d) => d.Value)))).toEqual(new Set(['app/web/50dc6c495c0c9188']));
  });

  it.each([
    ['no load balancer by that name', () => undefined, 'alb:no-such-alb', 'not-found', /^There is no load balancer named "no-such-alb" in eu-west-1 for these credentials: check the name and the region\.$/],
    ['a network load balancer', () => undefined, 'alb:tcp-ingress', 'not-found', /^"tcp-ingress" in eu-west-1 is a Network Load Balancer, not an Application Load Balancer: measure the service behind it instead/],
    ['a role without elasticloadbalancing:DescribeLoadBalancers', () => fake.denyLoadBalancers(true), 'alb:web', 'access-denied', /^Access denied: these credentials may not call elasticloadbalancing:DescribeLoadBalancers; add it/],
  ])('an ALB by name, %s: one sentence, exit 1, no metrics read', async (_name, arrange, from, code, message) => {
    arrange();
    const { code: exit, json } = await assessFrom(from);
    expect(exit).toBe(1);
    expect(json).toEqual({ status: 'error', code, message: expect.stringMatching(message) });
    expect(fake.requests.map((r) => r.operation)).toEqual(['DescribeLoadBalancers']);
  });

  it('with no region in the settings or the profile: one sentence, no request made', async () => {
    const { code, json } = await assessFrom('lambda:notify-api', { region: undefined }, { ...settings, region: undefined });
    expect(code).toBe(1);
    expect(json).toEqual({ status: 'error', code: 'no-region', message: 'No AWS region is set: pass --region (e.g. --region eu-west-1), set AWS_REGION, or give the profile a region.' });
    expect(fake.requests).toEqual([]);
  });

  it('the measured notification API gets the verdict and costs (within 1%) of the same traffic typed in words', async () => {
    const measured = (await assessFrom('lambda:notify-api')).json;
    const typed = assessmentJson(assess({ ...parseWorkload(NOTIFY_WORDS).facts, description: NOTIFY_WORDS }, catalog));
    expect(measured.verdict).toBe(typed.verdict);
    expect(measured.platform).toBe(typed.platform);
    expect(measured.costs.map((c) => c.platform)).toEqual(typed.costs.map((c) => c.platform));
    typed.costs.forEach((c, i) => {
      const m = measured.costs[i]!;
      if (c.monthlyUsd === null) expect(m.monthlyUsd).toBeNull();
      else expect(Math.abs(m.monthlyUsd! - c.monthlyUsd) / c.monthlyUsd).toBeLessThan(0.01);
    });
  });

  it('the text card says "measured over 14 days" beside each measured figure', async () => {
    const { code, out } = await assessFrom('lambda:notify-api', { json: false });
    expect(code).toBe(0);
    const lines = out.split('\n');
    for (const label of ['Traffic', 'Duration', 'Measured requests', 'Measured duration', 'Measured errors']) {
      expect(lines.find((l) => l.includes(`${label}:`))).toMatch(/\(measured over 14 days\)$/);
    }
    expect(lines.find((l) => l.includes('Memory:'))).toMatch(/256 MB \(configured on the function\)$/);
    expect(out).toContain('run it again with --markdown or --json');
    expect(out).not.toContain('Show the math');
  });
});

/** What `assess --from ecs:... --json` prints when it completes. */
type ServiceJson = ReturnType<typeof assessmentJson> & { measured: ReturnType<typeof serviceMeasurementJson> };

describe('assess --from ecs: a service measured by its tasks, its traffic in words', () => {
  const WORDS = 'web API, 40 requests a second at peak, 120 ms each';
  const service = async (from: string, extra: Partial<AssessFromOptions> = {}) => {
    const result = await assessFrom(from, { text: WORDS, ...extra });
    return { ...result, json: result.json as unknown as ServiceJson };
  };

  it.each([
    // source, task size, tasks (average, peak, basis), CPU %, memory %, cost now by hand: task-hours x (vCPU x $/vCPU-h + GB x $/GB-h)
    ['ecs:prod/web', { vcpu: 1, memoryMb: 2048, architecture: 'x86_64', launchType: 'fargate', taskDefinition: 'web:42' }, { average: 3, peak: 4, basis: 'measured' }, { average: 30, peak: 70 }, { average: 45, peak: 55 }, Math.round(3 * 730 * (1 * 0.04048 + 2 * 0.004445) * 100) / 100],
    ['ecs:prod/worker', { vcpu: 0.5, memoryMb: 1024, architecture: 'arm64', launchType: 'fargate', taskDefinition: 'worker:7' }, { average: 3, peak: 3, basis: 'desired count' }, { average: 12, peak: 12 }, null, Math.round(3 * 730 * (0.5 * 0.03238 + 1 * 0.00356) * 100) / 100],
    ['ecs:prod/legacy', { vcpu: 2, memoryMb: 4096, architecture: 'x86_64', launchType: 'ec2', taskDefinition: 'legacy:1' }, { average: 2, peak: 2, basis: 'desired count' }, { average: 50, peak: 50 }, null, null],
  ] as const)('%s', async (from, task, tasks, cpu, memory, nowUsd) => {
    const { code, json } = await service(from);
    expect(code).toBe(0);
    expect(json.status).toBe('complete');
    expect(json.measured).toMatchObject({ source: from, region: 'eu-west-1', note: 'measured over 14 days', task, tasks, cpuPercent: cpu, memoryPercent: memory, nowMonthlyUsd: nowUsd });
    // The assessment is the words' workload: the same as typing them.
    const typed = assessmentJson(assess({ ...parseWorkload(WORDS).facts, description: WORDS }, catalog));
    expect(json.costs).toEqual(typed.costs);
    expect(json.verdict).toBe(typed.verdict);
  });

  it('reads the service and its task definition from ECS, signed for ecs, before CloudWatch', async () => {
    await service('ecs:prod/web');
    // Five hourly series over 14 days, 500 datapoints a page.
    const pages = Math.ceil((336 * 5) / 500);
    expect(fake.requests.map((r) => `${r.operation}:${r.signedFor}`)).toEqual(['DescribeServices:ecs', 'DescribeTaskDefinition:ecs', ...Array<string>(pages).fill('GetMetricData:monitoring')]);
    expect(JSON.parse(fake.requests[1]!.body)).toEqual({ taskDefinition: expect.stringMatching(/task-definition\/web:42$/) });
  });

  it('the text card lists the measured size, load and cost now with where each came from', async () => {
    const { code, out } = await service('ecs:prod/web', { json: false });
    expect(code).toBe(0);
    const line = (label: string) => out.split('\n').find((l) => l.includes(`${label}:`));
    expect(line('Measured task size')).toMatch(/1 vCPU, 2 GB, x86_64, Fargate \(task definition web:42\) \(configured on the service\)$/);
    expect(line('Measured running tasks')).toMatch(/3 on average, 4 at the busiest hour \(measured over 14 days\)$/);
    expect(line('Measured cost now')).toContain('3 tasks x 730 h x (1 vCPU x $0.04048 + 2 GB x $0.004445) = $108.12/month');
    expect(line('Traffic')).not.toMatch(/measured/);
  });

  it.each([
    ['a service that does not exist', 'ecs:prod/nope', 'not-found', /^There is no ECS service "nope" in cluster "prod" in eu-west-1 for these credentials: check the names and the region\.$/],
    ['a cluster that does not exist', 'ecs:staging/web', 'not-found', /^There is no ECS service "web" in cluster "staging" in eu-west-1 for these credentials: check the name and the region\.$/],
    ['a service that ran no tasks', 'ecs:prod/idle', 'no-data', /^ecs:prod\/idle has no CPUUtilization in eu-west-1 in the 14 days to 2026-11-30 10:00 UTC/],
  ])('%s: one sentence, exit 1', async (_name, from, code, message) => {
    const { code: exit, json } = await service(from);
    expect(exit).toBe(1);
    expect(json).toEqual({ status: 'error', code, message: expect.stringMatching(message) });
  });

  it('without traffic in words: exit 3 with one sentence saying what to add, and no AWS request', async () => {
    const { code, json } = await service('ecs:prod/web', { text: 'our main web service' });
    expect(code).toBe(3);
    expect(json).toEqual({ status: 'error', code: 'needs-traffic', message: expect.stringMatching(/^ecs:prod\/web's metrics hold its tasks and how busy they are, not its requests: add its traffic in words/) });
    expect(fake.requests).toEqual([]);
  });
});
