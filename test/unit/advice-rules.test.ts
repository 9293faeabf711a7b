import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import type { Assessment } from '../../src/core/assessment.js';
import type { PlatformId } from '../../src/core/cost/cost-types.js';
import { figuresBeyondSense } from '../../src/core/figures-beyond-sense.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { SECONDS_PER_MONTH, type WorkloadFacts } from '../../src/core/workload.js';
import { shippedCatalog } from '../helpers/advisor-harness.js';

// Each class of advice at the rule level: the reason it gives, the platform it
// names and the priced lines behind both, checked against the catalog by hand.

const catalog = shippedCatalog();

function assessText(text: string, extra: WorkloadFacts = {}): Assessment {
  return assess({ ...parseWorkload(text).facts, description: text, ...extra }, catalog, { chart: false });
}
const row = (a: Assessment, p: PlatformId) => a.cost.costs.find((c) => c.platform === p)!;
const line = (a: Assessment, p: PlatformId, label: RegExp) => row(a, p).lines.find((l) => label.test(l.label));
const reason = (a: Assessment, rule: string) => a.reasons.find((r) => r.rule === rule);

describe('connection-based work is priced by connections and messages', () => {
  const chat = assessText('chat backend on websockets, 20k concurrent users, each sends a message every 30s');

  it('prices functions as API Gateway WebSocket connection-minutes plus messages plus Lambda per message', () => {
    // 20,000 connections x 60 x 730 = 876 M connection-minutes at $0.25 per million.
    expect(line(chat, 'aws-lambda', /connection-minutes/)).toMatchObject({ quantity: 876, unitPriceUsd: 0.25 });
    expect(line(chat, 'aws-lambda', /connection-minutes/)?.amountUsd).toBeCloseTo(219, 6);
    // 2 messages a minute each: 1.752 B messages, the first 1 B at $1.00 and the rest at $0.80.
    const messages = row(chat, 'aws-lambda').lines.filter((l) => l.priceRef.startsWith('aws.apiGateway.websocketMessages'));
    expect(messages.map((l) => [l.quantity, l.unitPriceUsd])).toEqual([[1000, 1], [752, 0.8]]);
    // One Lambda call per message, plus a connect and a disconnect every 30-minute session.
    expect(line(chat, 'aws-lambda', /^Lambda requests/)?.quantity).toBeCloseTo(1752 + (2 * 20_000 * 43_800) / 30 / 1e6, 6);
  });

  it('sizes servers by connections per instance: hundreds a month, not thousands', () => {
    expect(chat.verdict).toBe('avoid');
    expect(chat.platformId).toMatch(/^aws-(fargate|ec2)$/);
    const server = row(chat, chat.platformId!);
    expect(server.monthlyUsd).toBeGreaterThan(100);
    expect(server.monthlyUsd).toBeLessThan(1000);
    expect(reason(chat, 'connections')?.text).toMatch(/20,000 clients connected at once.*876 M connection-minutes \(\$219\.00\)/);
    expect(chat.cost.connections).toMatchObject({ concurrent: 20_000, connectionMinutesPerMonth: 876e6, connectionsPerVcpu: 5000 });
  });

  it('never treats a session length as compute time, and never sends server-sent events to AWS Batch', () => {
    const sse = assessText('live scores over server-sent events, 500 concurrent viewers, each connection open ~30 min');
    expect(sse.workload.duration.typicalMs).toBeLessThan(1000);
    expect(sse.verdict).toBe('avoid');
    expect(sse.platformId).toMatch(/^aws-(fargate|ec2)$/);
    expect(row(sse, sse.platformId!).monthlyUsd).toBeLessThan(1000);
    expect(reason(sse, 'connections')?.text).toMatch(/server-sent events hold an HTTP response open per viewer/);
    expect(sse.reasons.map((r) => r.rule)).not.toContain('low-volume');
  });
});

describe('GPU work', () => {
  it('is avoid on functions, priced on GPU instances from the catalog', () => {
    // An 18 GB model does not fit a T4's 16 GB: one g5.xlarge (A10G, 24 GB) 24/7 = 730 x $1.006 = $734.38.
    const a = assessText('embedding worker from a queue, needs a GPU, an 18 GB model, 8 GB of RAM, 500 ms, 100 a day');
    expect(a.verdict).toBe('avoid');
    expect(reason(a, 'gpu')?.polarity).toBe('blocker');
    for (const p of ['aws-lambda', 'gcp-cloud-run-functions', 'azure-functions', 'cloudflare-workers', 'aws-fargate'] as const) {
      expect(row(a, p).available).toBe(false);
      expect(row(a, p).unavailableReason).toMatch(/no GPUs/);
    }
    expect(row(a, 'aws-ec2').lines[0]).toMatchObject({ label: 'g5.xlarge x 1 (NVIDIA A10G)', quantity: 730, unitPriceUsd: 1.006 });
    expect(row(a, 'aws-ec2').lines[0]!.amountUsd).toBeCloseTo(734.38, 2);
  });

  it('runs a GPU job per run on AWS Batch, on the GPU named', () => {
    const a = assessText('nightly fine-tuning on an A10G, 3 hours');
    expect(a.platform).toBe('AWS Batch');
    expect(row(a, 'aws-batch').lines).toEqual([expect.objectContaining({ label: 'Batch on EC2: g5.xlarge instance-hours', unitPriceUsd: 1.006 })]);
    expect(row(a, 'aws-batch').lines[0]!.quantity).toBeCloseTo(30.4167 * 3, 3);
  });
});

describe('vendor lock-in', () => {
  it('prefers a portable container where functions would fit, and says why', () => {
    const a = assessText('order webhook handler, 300 ms, 50k a month, we might move to GCP');
    expect(a.platform).toBe('Google Cloud Run (a portable container)');
    expect(row(a, 'gcp-cloud-run-functions').label).toMatch(/portable container/);
    expect(reason(a, 'lock-in')).toMatchObject({ polarity: 'pro' });
  });

  it('names the price of staying portable when functions would mean lock-in', () => {
    // Twelve minutes is past Cloud Run functions' 9-minute event limit: only Lambda could run it as a function.
    const a = assessText('queue worker, 12 minutes per job, 20 jobs a day, no vendor lock-in');
    expect(row(a, 'gcp-cloud-run-functions').available).toBe(false);
    expect(reason(a, 'lock-in')).toMatchObject({ polarity: 'con', text: expect.stringMatching(/You want to stay portable.*A container moves as it is\..*(costs \$[\d,.]+ a month more than Lambda|is also \$[\d,.]+ a month cheaper than Lambda)/) });
    const b = assessText('REST API for partners, 120 rps steady, 90 ms, must stay cloud-agnostic');
    expect(b.verdict).not.toBe('fit');
    expect(reason(b, 'lock-in')).toBeDefined();
  });
});

describe('edge functions', () => {
  it('recommends Workers for tiny logic at the edge, with a memory default that fits them', () => {
    const a = assessText('redirect old URLs at the edge, 1 ms, 200 rps');
    expect(a.workload.memoryMb).toBe(128);
    expect(a.platform).toBe('Cloudflare Workers');
    expect(a.verdict).toBe('fit');
    expect(reason(a, 'edge')?.polarity).toBe('pro');
    expect(a.reasons.map((r) => r.rule)).not.toContain('latency');
  });

  it('does not let an assumed memory rule Workers out; a stated one does', () => {
    expect(row(assessText('REST API, 50 rps, 40 ms'), 'cloudflare-workers').available).toBe(true);
    expect(row(assessText('REST API, 50 rps, 40 ms, 512 MB of memory'), 'cloudflare-workers').unavailableReason).toMatch(/over Cloudflare Workers' 128 MB/);
  });
});

describe('serverless is not only Lambda', () => {
  it('names the functions platform that can run it when Lambda cannot', () => {
    const a = assessText('image API that needs 12 GB of memory, 2 s, 200 requests a day');
    expect(row(a, 'aws-lambda').available).toBe(false);
    expect(a.verdict).toBe('fit');
    expect(a.platform).toBe('Google Cloud Run functions');
    expect(a.platformId).toBe('gcp-cloud-run-functions');
    expect(reason(a, 'memory-limit')).toMatchObject({ polarity: 'con', text: expect.stringMatching(/Google Cloud Run functions can run it/) });
  });

  it('keeps long background jobs on AWS Batch rather than another cloud\'s functions', () => {
    const a = assessText('video encoding job from a queue, 45 minutes, 100 a day');
    expect(row(a, 'azure-functions').available).toBe(true);
    expect(a.platform).toBe('AWS Batch');
    expect(reason(a, 'timeout')?.polarity).toBe('blocker');
  });
});

describe('batch and scheduled jobs are priced per run', () => {
  it('prices a nightly 6-hour job by its run-hours, with a line per item', () => {
    const a = assessText('nightly ML training job, 6 hours, 8 GB of RAM');
    expect(a.platform).toBe('AWS Batch');
    const batch = row(a, 'aws-batch');
    expect(batch.lines.length).toBeGreaterThan(0);
    // 30.4 runs x 6 h on a 2 vCPU / 10 GB task (8 GB working set at 80% usable): 182.5 task-hours.
    expect(batch.lines.map((l) => [l.label, Number(l.quantity.toFixed(3)), l.unitPriceUsd])).toEqual([
      ['Batch on Fargate vCPU (2 vCPU per run)', 365, 0.04048],
      ['Batch on Fargate memory (10 GB per run)', 1825, 0.004445],
    ]);
    expect(a.cost.jobs).toMatchObject({ hoursPerRun: 6 });
    expect(a.cost.jobs?.runsPerMonth).toBeCloseTo(30.4167, 3);
    // The scheduled Fargate task is the same capacity per run, not a service running all month.
    expect(row(a, 'aws-fargate').monthlyUsd).toBeCloseTo(batch.monthlyUsd!, 6);
  });

  it('prices a 64 GB job on memory-optimised capacity instead of calling it n/a', () => {
    const a = assessText('report export that needs 64 GB of RAM, 20 minutes, twice a day');
    expect(a.platform).toBe('AWS Batch');
    expect(row(a, 'aws-batch').available).toBe(true);
    expect(row(a, 'aws-ec2').lines[0]!.label).toBe('r5.4xlarge x 1');
  });

  it('never recommends AWS Batch without its cost lines', () => {
    for (const text of ['quarterly compliance export, 3 hours', 'payroll run at month-end, 45 minutes, 8 GB', 'rebuild the search index every night, 25 minutes']) {
      const a = assessText(text);
      expect(a.platform).toBe('AWS Batch');
      expect(row(a, 'aws-batch').lines.length).toBeGreaterThan(0);
    }
  });
});

describe("Lambda's CPU is tied to its memory", () => {
  it('bills a CPU-bound run longer when given less than one vCPU', () => {
    // At 1,024 MB Lambda has 0.58 vCPU: the 90% CPU part of a 2 s run takes 1.73x as long.
    const a = assessText('queue worker, 2 s per message, 1 GB, cpu-bound, 5 rps');
    const stretch = 0.1 + 0.9 * (1769 / 1024);
    const gbSeconds = 5 * SECONDS_PER_MONTH * 2 * stretch * 1;
    expect(line(a, 'aws-lambda', /^Lambda compute/)?.quantity).toBeCloseTo(gbSeconds, 0);
    expect(line(a, 'aws-lambda', /^Lambda compute/)?.label).toMatch(/runs 1\.65x longer at this memory/);
  });

  it('lets servers break even with functions for steady CPU-heavy work', () => {
    const a = assessText('queue worker, 2 s CPU-bound per message');
    expect(a.cost.breakEven?.averageRps).not.toBeNull();
    expect(a.cost.breakEven?.sentence).toMatch(/^Break-even at about/);
  });

  it('defaults CPU-bound work to one full vCPU (1,769 MB) and says so', () => {
    const a = assessText('render thumbnails, 800 ms, 20 rps');
    expect(a.workload.memoryMb).toBe(1769);
    expect(a.assumptions.map((x) => x.text).join('\n')).toMatch(/1769 MB of memory per invocation, where Lambda gives one full vCPU/);
  });
});

describe('cold starts are a reason whenever they matter', () => {
  it.each([
    ['Spring Boot REST API, 30 rps, 120 ms, p99 under 800 ms', /p99 target of 800 ms, but a cold start with the JVM/],
    ['Java REST API for the admin panel, 500 requests a day, 100 ms', /Cold starts with the JVM .* take about 3 s/],
    ['.NET API, 2 rps, 90 ms', /Cold starts with \.NET take about 1 s/],
    ['ML inference API with a 3 GB model, 500 ms, 3 rps', /loading a 3 GB model/],
  ])('%s', (text, cites) => {
    expect(assessText(text).reasons.map((r) => r.text).join('\n')).toMatch(cites);
  });

  it('prices provisioned concurrency from the catalog for the peak environments', () => {
    const a = assessText('Spring Boot REST API, 30 rps, 120 ms, p99 under 800 ms');
    // ceil(30 req/s x 0.12 s) = 4 environments x 0.5 GB x 2,628,000 s x $0.0000041667.
    expect(reason(a, 'cold-start')?.text).toContain('5,256,000 GB-s x $0.0000041667 = $21.90 a month');
  });

  it('stays quiet when nobody waits on one', () => {
    expect(assessText('Java queue consumer, 200 ms, 10 messages a second').reasons.map((r) => r.rule)).not.toContain('cold-start');
    expect(assessText('python REST API, 5 rps, 50 ms, p99 under 900 ms').reasons.map((r) => r.rule)).not.toContain('cold-start');
  });
});

describe('surges are priced apart from the normal month', () => {
  it('shows the surge cost and the concurrency it needs', () => {
    const a = assessText('e-commerce API, normally ~20 rps but Black Friday is 50x, 150 ms');
    const normal = assessText('e-commerce API, normally ~20 rps, 150 ms');
    expect(row(a, 'aws-lambda').monthlyUsd).toBeCloseTo(row(normal, 'aws-lambda').monthlyUsd!, 6);
    const spike = a.cost.spike!;
    expect(spike).toMatchObject({ factor: 50, hours: 24, hoursStated: false, peakRps: 1000, lambdaConcurrency: 150 });
    // The surge day costs what a month at 50x costs, for 24 of its 730 hours, less the normal day.
    const atSurge = assessText('e-commerce API, normally ~1000 rps, 150 ms');
    const extra = spike.costs.find((c) => c.platform === 'aws-lambda')!.extraUsd;
    expect(extra).toBeCloseTo((row(atSurge, 'aws-lambda').monthlyUsd! - row(normal, 'aws-lambda').monthlyUsd!) * (24 / 730), 6);
    expect(reason(a, 'spike')?.text).toMatch(/about 150 Lambda executions at once/);
  });

  it('asks for a quota increase when the surge needs more than 1,000 executions at once', () => {
    const a = assessText('ticket sales API, normally 50 rps but on-sale days are 100x, 400 ms');
    expect(a.cost.spike?.lambdaConcurrency).toBe(2000);
    expect(a.cost.spike?.sentence).toMatch(/above the default 1,000 a region/);
  });
});

describe('business hours are weekdays', () => {
  it('sizes servers for the weekday peak and bills the week as it is', () => {
    const a = assessText('HR portal API, 20 rps during business hours, 100 ms, queue of nothing otherwise');
    expect(a.workload.traffic.week).toBeDefined();
    // The average day is 5/7 of a weekday: 20 rps x 8 h x 5/7.
    expect(a.workload.traffic.hourly[10]).toBeCloseTo(72_000 * (5 / 7), 6);
    expect(row(a, 'aws-ec2').sizing).toMatch(/for a peak of 20 req\/s/);
  });
});

describe('assumed values are never stated as facts', () => {
  it('gives no "triggered by a queue" reason when nobody named a queue', () => {
    const a = assessText('transcode videos, 10 minutes each, 200 a day');
    expect(a.workload.trigger).toBe('queue');
    expect(a.reasons.map((r) => r.text).join('\n')).not.toMatch(/Triggered by|background job/);
    expect(a.assumptions.map((x) => x.text).join('\n')).toMatch(/no trigger was named/);
  });

  it('gives no "short and isolated" reason for a duration nobody gave', () => {
    expect(assess({ description: 'a webhook', trigger: 'webhook' }, catalog).reasons.map((r) => r.rule)).not.toContain('short-lived');
  });

  it('never calls an always-busy workload mostly idle', () => {
    const a = assessText('sync job that runs continuously, 5 minutes per batch, 1 batch every 6 minutes, from a queue');
    expect(a.reasons.map((r) => r.rule)).not.toContain('low-volume');
  });
});

describe('figures beyond sense are questioned', () => {
  it('flags a card of billions a month', () => {
    const a = assess({ description: 'x', traffic: parseWorkload('5 million rps').facts.traffic!, duration: { typicalMs: 600_000, worstMs: 600_000 }, memoryMb: 10_240 }, catalog);
    expect(figuresBeyondSense(a)).toMatch(/^Those figures come to \$[\d,]+ a month even on the cheapest option/);
  });

  it('leaves real workloads alone', () => {
    expect(figuresBeyondSense(assessText('REST API, 1000 rps 24/7, 100 ms, 1 GB'))).toBeNull();
  });
});
