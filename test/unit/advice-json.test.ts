import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAssess } from '../../src/adapters/cli/assess-command.js';
import { EXIT_CODES } from '../../src/adapters/cli/exit-codes.js';
import { parseCliArgs } from '../../src/adapters/cli/parse-args.js';
import { createAdvisorHarness } from '../helpers/advisor-harness.js';

// Every class of advice through the public JSON interface: the code behind
// `serverless-fit assess --json`, with its argument parsing, over a real
// advisor on SQLite. (test/e2e/cli-advice-json.test.ts runs a few of these as
// spawned processes, the way a script calls them.)

const h = createAdvisorHarness();
afterAll(() => h.close());

const CASES = {
  connections: ['--assume-defaults', 'chat backend on websockets, 20k concurrent users, each sends a message every 30s'],
  sse: ['--assume-defaults', 'live scores over server-sent events, 500 concurrent viewers, each connection open ~30 min'],
  gpu: ['--assume-defaults', 'object detection API on a T4, needs CUDA, 60 ms per image, 30 rps'],
  portable: ['--assume-defaults', 'order webhook handler, 300 ms, 50k a month, we might move to GCP'],
  edge: ['--assume-defaults', '301 redirects for old blog URLs at the edge, 1 ms, 200 rps'],
  notOnlyLambda: ['--assume-defaults', 'image API that needs 12 GB of memory, 2 s, 200 requests a day'],
  batch: ['--assume-defaults', 'nightly ML training job, 6 hours, 8 GB of RAM'],
  cpuMemory: ['--assume-defaults', 'queue worker, 2 s per message, 1 GB, cpu-bound, 5 rps'],
  coldStart: ['--assume-defaults', 'Spring Boot REST API, 30 rps, 120 ms, p99 under 800 ms'],
  spike: ['--assume-defaults', 'e-commerce API, normally ~20 rps but Black Friday is 50x, 150 ms'],
  businessHours: ['--assume-defaults', 'HR portal API, 3k requests per hour during business hours, 200 ms'],
  lonePeak: ['--assume-defaults', 'GraphQL gateway, ~2k rpm at peak, 80ms'],
  readings: ['--assume-defaults', 'nightly export, 15 min 30 s per run, 1,5 GB of RAM'],
  percentiles: ['--assume-defaults', 'recommendations API, 150ms p50, 2s p99, 40 rps'],
  negative: ['REST API, -100 rps, 100 ms'],
  power: ['REST API, 10^15 rps, 100 ms'],
  tiny: ['API, 5 rps, 1e-9 minutes per request'],
  beyondSense: ['transcode, 5 million rps, 10 minutes each, 10 GB of memory, stateless, no latency target, 20 MB package'],
  memoryDrives: ['render product thumbnails, 3 s each, 2k a day, stateless'],
} as const;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON read field by field in the tests
const out: Partial<Record<keyof typeof CASES, Json>> = {};

beforeAll(async () => {
  let n = 0;
  for (const name of Object.keys(CASES) as (keyof typeof CASES)[]) {
    const parsed = parseCliArgs(['assess', '--json', ...CASES[name]]);
    if (parsed.kind !== 'run' || parsed.command.name !== 'assess') throw new Error(`could not parse the arguments of ${name}`);
    let text = '';
    const code = await runAssess(
      {
        advisor: h.advisor,
        store: h.store,
        catalog: h.catalog,
        renderChart: () => Promise.reject(new Error('no chart asked for')),
        out: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream,
        err: { write: () => true } as unknown as NodeJS.WritableStream,
        color: false,
        user: 'tester',
        newId: () => `run-${++n}`,
        now: () => new Date('2026-12-01T10:00:00Z'),
        columns: 80,
      },
      parsed.command.options,
    );
    const json = JSON.parse(text) as Json;
    // A result exits 0; a question still open exits with the code documented for needs_input.
    expect(code).toBe(json.status === 'complete' ? EXIT_CODES.ok : EXIT_CODES.needsInput);
    out[name] = json;
  }
});

const get = (name: keyof typeof CASES): Json => out[name] as Json;
const cost = (json: Json, platform: string): Json => json.costs.find((c: Json) => c.platform === platform);

describe('assess --json, class by class', () => {
  it('connections: priced by connection-minutes and messages; servers in hundreds', () => {
    const j = get('connections');
    expect(j).toMatchObject({ status: 'complete', verdict: 'avoid', workload: { connections: { concurrent: 20_000, kind: 'websocket', messagesPerMinute: 2 } } });
    expect(j.platformId).toMatch(/^aws-(fargate|ec2)$/);
    expect(j.connections).toMatchObject({ concurrent: 20_000, connectionMinutesPerMonth: 876e6, connectionsPerVcpu: 5000, memoryKbPerConnection: 64 });
    expect(cost(j, 'aws-lambda').lines.find((l: Json) => l.priceRef === 'aws.apiGateway.websocketConnectionMinutes')).toMatchObject({ quantity: 876, amountUsd: 219 });
    expect(cost(j, j.platformId).monthlyUsd).toBeLessThan(1000);
    expect(j.reasons.map((r: Json) => r.rule)).toContain('connections');
  });

  it('server-sent events: stateful, on servers, never AWS Batch', () => {
    const j = get('sse');
    expect(j.verdict).toBe('avoid');
    expect(j.platformId).toMatch(/^aws-(fargate|ec2)$/);
    expect(j.workload.connections).toMatchObject({ kind: 'sse', sessionMinutes: 30 });
    expect(j.workload.durationMs).toBeLessThan(1000);
  });

  it('gpu: avoid, priced on GPU instances from the catalog', () => {
    const j = get('gpu');
    expect(j).toMatchObject({ verdict: 'avoid', platformId: 'aws-ec2', workload: { gpu: true } });
    expect(j.platform).toMatch(/^EC2 GPU instances \(g4dn\.xlarge\)$/);
    expect(cost(j, 'aws-ec2').lines[0]).toMatchObject({ unitPriceUsd: 0.526, priceRef: 'aws.ec2.instances.g4dn.xlarge' });
    expect(cost(j, 'aws-lambda')).toMatchObject({ available: false, monthlyUsd: null, unavailableReason: 'Lambda has no GPUs' });
  });

  it('lock-in: a portable container, with the reason', () => {
    const j = get('portable');
    expect(j).toMatchObject({ verdict: 'fit', platform: 'Google Cloud Run (a portable container)', platformId: 'gcp-cloud-run-functions', workload: { portable: true } });
    expect(j.reasons.map((r: Json) => r.rule)).toContain('lock-in');
  });

  it('edge: Cloudflare Workers, with a memory default that fits them', () => {
    const j = get('edge');
    expect(j).toMatchObject({ verdict: 'fit', platform: 'Cloudflare Workers', platformId: 'cloudflare-workers', workload: { edge: true, memoryMb: 128 } });
    expect(cost(j, 'cloudflare-workers').available).toBe(true);
  });

  it('not only Lambda: the functions platform that can run it', () => {
    const j = get('notOnlyLambda');
    expect(j).toMatchObject({ verdict: 'fit', platformId: 'gcp-cloud-run-functions', platform: 'Google Cloud Run functions' });
    expect(cost(j, 'aws-lambda').available).toBe(false);
  });

  it('batch: per run on AWS Batch, with its lines and the jobs figures', () => {
    const j = get('batch');
    expect(j).toMatchObject({ verdict: 'avoid', platform: 'AWS Batch', platformId: 'aws-batch', jobs: { hoursPerRun: 6 } });
    expect(cost(j, 'aws-batch').lines.length).toBeGreaterThan(0);
    expect(cost(j, 'aws-batch').monthlyUsd).toBeLessThan(100);
    expect(j.jobs.sentence).toMatch(/runs a month x 6 h = 182\.5 job-hours/);
  });

  it("Lambda's CPU follows its memory: a stretched compute line and a real break-even", () => {
    const j = get('cpuMemory');
    expect(cost(j, 'aws-lambda').lines.map((l: Json) => l.label).join('\n')).toMatch(/runs 1\.65x longer at this memory/);
    expect(j.breakEven.averageRps).toBeGreaterThan(0);
  });

  it('cold starts: a reason with the runtime and the price of keeping warm', () => {
    const j = get('coldStart');
    expect(j.workload.runtime).toBe('java');
    expect(j.reasons.find((r: Json) => r.rule === 'cold-start')?.text).toMatch(/cold start with the JVM.*Provisioned concurrency/);
  });

  it('spike: the normal month in the table, the surge apart', () => {
    const j = get('spike');
    expect(j.spike).toMatchObject({ words: 'black friday', factor: 50, hours: 24, hoursStated: false, peakRps: 1000, lambdaConcurrency: 150 });
    expect(j.spike.costs.find((c: Json) => c.platform === 'aws-lambda').extraUsd).toBeGreaterThan(0);
    expect(j.workload.averageRps).toBeCloseTo(20, 6);
  });

  it('business hours: weekdays, with both day shapes', () => {
    const j = get('businessHours');
    expect(j.workload.weeklyProfile.weekdays[10]).toBe(3000);
    expect(j.workload.weeklyProfile.weekend[10]).toBe(0);
    expect(j.workload.peakRps).toBeCloseTo(3000 / 3600, 6);
    expect(j.assumptions.join('\n')).toMatch(/Business hours taken as Monday to Friday/);
  });

  it('a lone peak: the average assumed lower, and said', () => {
    const j = get('lonePeak');
    expect(j.workload.averageRps).toBeCloseTo(1000 / 60, 6);
    expect(j.workload.peakRps).toBeCloseTo(2000 / 60, 6);
    expect(j.assumptions.join('\n')).toMatch(/the average is half of it/);
  });

  it('compound durations and decimal commas read whole', () => {
    expect(get('readings').workload).toMatchObject({ durationMs: 930_000, memoryMb: 1536 });
    expect(get('readings').reasons.find((r: Json) => r.rule === 'timeout')?.text).toMatch(/15\.5 min per run/);
  });

  it('percentiles: the median typical, the p99 worst', () => {
    expect(get('percentiles').workload).toMatchObject({ durationMs: 150, worstDurationMs: 2000, latencyP99Ms: null });
  });
});

describe('assess --json refuses figures beyond sense (needs_input with the reason)', () => {
  it.each([
    ['negative', 'traffic', /"-100 rps": a figure cannot be negative/],
    ['power', 'traffic', /"10\^15 rps": that figure is beyond any real workload/],
    ['tiny', 'duration', /"1e-9 minutes": that figure is too small to be real/],
    ['beyondSense', 'traffic', /^Those figures come to \$[\d,]+ a month even on the cheapest option/],
  ] as const)('%s', (name, questionId, hint) => {
    const j = get(name);
    expect(j.status).toBe('needs_input');
    expect(j.hint).toMatch(hint);
    expect(j.questions[0].id).toBe(questionId);
  });

  it('asks for memory when it drives the answer', () => {
    const j = get('memoryDrives');
    expect(j.status).toBe('needs_input');
    expect(j.questions.map((q: Json) => q.id)).toEqual(['constraints']);
    expect(j.questions[0].text).toMatch(/how much memory does one run need/);
  });
});
