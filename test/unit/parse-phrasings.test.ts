import { describe, expect, it } from 'vitest';
import type { QuestionId } from '../../src/core/conversation.js';
import { formatHeard, parseAnswer, parseWhatIf, parseWorkload } from '../../src/core/parse/parse-workload.js';
import { monthlyRequests, requestsPerDay } from '../../src/core/traffic.js';
import type { WorkloadFacts, WorkloadField } from '../../src/core/workload.js';

// Real-world phrasings and what the parser must read from them. One row per
// phrasing; `ask` says how the text arrives: a free description (default), an
// answer to a question, or a what-if after a result.

interface Want {
  // traffic
  basis?: 'steady' | 'bands' | 'total' | 'schedule';
  perDay?: number;
  perMonth?: number;
  peakPerHour?: number;
  /** Hour of the day with the most requests (schedules). */
  busiestHour?: number;
  /** [low, high] multipliers, or null for an exact figure. */
  spread?: [number, number] | null;
  // duration
  typicalMs?: number;
  worstMs?: number;
  // plain facts, compared as they are
  facts?: Omit<WorkloadFacts, 'traffic' | 'duration'>;
  /** Fields that must NOT be set. */
  absent?: WorkloadField[];
  /** Something in `unread` must match; without it, `unread` must be empty. */
  unread?: RegExp;
  /** Something in `heard` must match. */
  heard?: RegExp;
  /** The traffic's stated assumption must match. */
  assumption?: RegExp;
  // what-ifs
  trafficFactor?: number;
  summary?: RegExp;
}

interface Row {
  input: string;
  ask?: QuestionId | 'what-if';
  want: Want | null;
}

const THIRD = 1 / 3;

const ROWS: Row[] = [
  // Rates in any unit and scale
  { input: '15K requests/hour', want: { basis: 'steady', perDay: 360_000, spread: null, heard: /15,000 requests\/hour, all day \(≈ 11M\/month\)/ } },
  { input: '2.6 billion requests a month', want: { basis: 'total', perMonth: 2.6e9, spread: null } },
  { input: '1000 rps 24/7', want: { basis: 'steady', perMonth: 2.628e9 } },
  { input: 'about 500 req/min', want: { basis: 'steady', perDay: 720_000, spread: [0.8, 1.25] } },
  { input: '3 million a day', want: { basis: 'total', perDay: 3e6 } },
  { input: 'a few thousand uploads a day', want: { perDay: 3000, spread: [2 * THIRD, 5 * THIRD], facts: { trigger: 'storage-event' } } },
  { input: 'once a day', want: { basis: 'schedule', perDay: 1, facts: { trigger: 'schedule' } } },
  { input: 'every 5 minutes', want: { basis: 'schedule', perDay: 288, facts: { trigger: 'schedule' } } },
  { input: 'weekly', want: { basis: 'schedule', perDay: 1 / 7 } },
  { input: '10 req/s', want: { basis: 'steady', perDay: 864_000 } },
  { input: '50 qps', want: { perDay: 4_320_000 } },
  { input: '2M invocations per month', want: { basis: 'total', perMonth: 2e6 } },
  { input: 'a dozen times an hour', want: { perDay: 288 } },
  { input: 'hourly', want: { basis: 'schedule', perDay: 24, facts: { trigger: 'schedule' } } },
  { input: 'nightly', want: { basis: 'schedule', perDay: 1, busiestHour: 2, facts: { trigger: 'schedule' } } },
  { input: 'twice a day', want: { basis: 'schedule', perDay: 2 } },
  { input: '1.5k requests per minute', want: { perDay: 2_160_000 } },
  { input: '1,000 requests per hour', want: { perDay: 24_000 } },
  { input: '5 mn calls a month', want: { perMonth: 5e6 } },
  { input: '2bn requests/month', want: { perMonth: 2e9 } },
  { input: 'ten thousand orders a day', want: { perDay: 10_000 } },
  { input: 'roughly 200 webhooks per hour', want: { perDay: 4800, spread: [0.8, 1.25] } },
  { input: '10-20k requests per day', want: { perDay: 15_000, spread: [2 * THIRD, 4 * THIRD] } },
  { input: 'every 15 minutes', want: { perDay: 96 } },
  { input: 'cron 0 2 * * *', want: { basis: 'schedule', perDay: 1, busiestHour: 2, facts: { trigger: 'schedule' } } },
  { input: '*/10 * * * *', want: { basis: 'schedule', perDay: 144 } },
  { input: 'processes 2M rows nightly', want: { basis: 'schedule', perDay: 1, facts: { trigger: 'schedule' } } },
  { input: '2M invocations monthly', want: { basis: 'total', perMonth: 2e6, absent: ['trigger'] } },
  { input: '50 requests per user per day', want: { absent: ['traffic'], unread: /could not read "50 requests per user" as a rate/ } },
  { input: 'budget is $100 a month', want: { absent: ['traffic'] } },
  { input: '5 requests per user', want: { absent: ['traffic'], unread: /could not read "5 requests per user" as a rate/ } },

  // Hour-of-day bands
  {
    input: '6-9am 10K/hour, 9am-5pm 2K/hour, 5-7pm 15K/hour, 500/hour overnight',
    want: { basis: 'bands', perDay: 81_500, peakPerHour: 15_000, heard: /peak 15,000\/hour, 81,500\/day/ },
  },
  { input: '6-9am 10K/hour, 9am-5pm 2K/hour, 5-7pm 15K/hour, 500/hour rest of the day', want: { basis: 'bands', perDay: 81_500 } },
  { input: '10k/hour between 6 and 9am, 200/hour otherwise', want: { basis: 'bands', perDay: 3 * 10_000 + 21 * 200 } },
  { input: 'from 10pm to 6am 5k/hour, otherwise 1k/hour', want: { basis: 'bands', perDay: 8 * 5000 + 16 * 1000 } },
  { input: '9-5 2k/hour, 100/hour otherwise', want: { basis: 'bands', perDay: 8 * 2000 + 16 * 100 } },
  // Business hours are weekdays: five days of the band, two at the off-peak rate, averaged over the week.
  { input: 'during business hours 3k/hour, off-peak 100/hour', want: { basis: 'bands', perDay: (5 * (8 * 3000 + 16 * 100) + 2 * 24 * 100) / 7 } },
  { input: 'about 200 requests per minute during the day and nearly nothing at night', want: { basis: 'bands', perDay: 12 * 12_000, spread: [0.8, 1.25] } },
  { input: '5000 requests per second at peak, 800 rps average', want: { basis: 'bands', perDay: 800 * 86_400, peakPerHour: 5000 * 3600 } },
  // A lone peak means the average is lower: half the peak is assumed (and stated on the card).
  { input: 'peaks at 2000 rps', want: { perDay: 1000 * 86_400, peakPerHour: 2000 * 3600, heard: /1,000 requests\/second on average, peaks of 2,000\/second/ } },
  { input: 'every day at 5pm', want: { basis: 'schedule', perDay: 1, busiestHour: 17 } },
  // No rate outside the bands: an assumption the card states, not a question.
  { input: '6-9am 10K/hour, 5-7pm 15K/hour', want: { basis: 'bands', perDay: 60_000, assumption: /No traffic outside the hours you gave/ } },

  // Durations
  { input: '100ms', want: { typicalMs: 100, worstMs: 100 } },
  { input: '~2 s', want: { typicalMs: 2000, worstMs: 2000 } },
  { input: '2-3 seconds', want: { typicalMs: 2500, worstMs: 3000, heard: /2-3 s/ } },
  { input: '20 to 30 minutes', want: { typicalMs: 1_500_000, worstMs: 1_800_000 } },
  { input: 'about an hour', want: { typicalMs: 3_600_000, worstMs: 3_600_000 } },
  { input: '6 hours', want: { typicalMs: 21_600_000 } },
  { input: '45 min', want: { typicalMs: 2_700_000 } },
  { input: 'takes 3 minutes', want: { typicalMs: 180_000 } },
  { input: 'runs for 90 seconds', want: { typicalMs: 90_000, heard: /90 s/ } },
  { input: 'the job will last 5 minutes', want: { typicalMs: 300_000 } },
  { input: '3 failures in the last 24 hours, each run takes 2 s', want: { typicalMs: 2000, worstMs: 2000 } },
  { input: 'usually 200ms, up to 2s', want: { typicalMs: 200, worstMs: 2000 } },
  { input: 'half an hour', want: { typicalMs: 1_800_000 } },
  { input: 'takes a few seconds', want: { typicalMs: 3000 } },
  { input: 'the batch takes 2 days', want: { typicalMs: 172_800_000 } },
  // Percentiles with a median are measurements of the work, not targets.
  { input: 'p50 80ms p99 400ms', want: { typicalMs: 80, worstMs: 400, absent: ['latencyP99Ms'] } },
  { input: 'p99 under 50 ms, each request takes 20ms', want: { facts: { latencyP99Ms: 50 }, typicalMs: 20 } },
  { input: 'latency must be below 100ms', want: { facts: { latencyP99Ms: 100 }, absent: ['duration'] } },
  { input: 'sub-100ms responses', want: { facts: { latencyP99Ms: 100 }, absent: ['duration'] } },
  { input: '1000 rps 24 hours a day', want: { perMonth: 2.628e9, absent: ['duration'] } },
  { input: 'a cold start of 2 s is fine, the handler takes 200 ms', want: { typicalMs: 200, worstMs: 200 } },
  { input: 'every 5 minutes, takes 30 seconds', want: { perDay: 288, typicalMs: 30_000 } },

  // Memory and sizes
  { input: '512MB', want: { facts: { memoryMb: 512 } } },
  { input: '1.5 GB of RAM', want: { facts: { memoryMb: 1536 }, heard: /1,536 MB/ } },
  { input: 'a 3 GB model', want: { facts: { packageMb: 3072 }, absent: ['memoryMb'] } },
  { input: '250 MB of dependencies', want: { facts: { packageMb: 250 }, absent: ['memoryMb'] } },
  { input: 'needs 4GB memory', want: { facts: { memoryMb: 4096 } } },
  { input: 'resize 5 MB images with 1 GB', want: { facts: { memoryMb: 1024 } } },
  { input: 'a 2 GB docker image and 3 GB of RAM', want: { facts: { packageMb: 2048, memoryMb: 3072 } } },

  // Traits from words
  { input: 'webhook receiver for GitHub events', want: { facts: { trigger: 'webhook' } } },
  { input: 'transcode videos uploaded to S3', want: { facts: { trigger: 'storage-event', nature: 'cpu-bound' } } },
  { input: 'Kafka consumer that enriches events', want: { facts: { trigger: 'stream' } } },
  { input: 'SQS worker that sends emails', want: { facts: { trigger: 'queue', nature: 'io-bound' } } },
  { input: 'REST API for the mobile app', want: { facts: { trigger: 'http' } } },
  { input: 'HTTP API that enqueues jobs to SQS', want: { facts: { trigger: 'http' } } },
  { input: 'nightly job that reads files from S3', want: { facts: { trigger: 'schedule' } } },
  { input: 'WebSocket server for live chat', want: { facts: { trigger: 'websocket', state: ['websocket'] } } },
  { input: 'keeps persistent TCP connections to devices', want: { facts: { state: ['long-lived-connection'] } } },
  { input: 'product lookups served from an in-memory cache', want: { facts: { state: ['in-memory-cache'] } } },
  { input: 'uses a connection pool to Postgres', want: { facts: { state: ['connection-pool'], nature: 'io-bound' } } },
  { input: 'stateless', want: { facts: { state: [] } } },
  { input: 'no websockets, nothing kept between requests', want: { facts: { state: [] }, absent: ['trigger'] } },
  { input: 'calling the Stripe API', want: { facts: { nature: 'io-bound' }, absent: ['trigger'] } },
  { input: 'consumes events from a stream', want: { facts: { trigger: 'stream' } } },
  { input: 'CRUD API over DynamoDB', want: { facts: { trigger: 'http', nature: 'io-bound' } } },
  { input: 'render PDFs, CPU-bound', want: { facts: { nature: 'cpu-bound' } } },
  { input: 'ML inference with a 3 GB model on Graviton', want: { facts: { nature: 'cpu-bound', packageMb: 3072, architecture: 'arm' } } },
  { input: 'image resizing plus a call to an external API', want: { facts: { nature: 'mixed' } } },
  { input: 'about 80% of the time on the CPU', want: { facts: { cpuShare: 0.8 } } },
  { input: 'just a prototype for a hackathon', want: { facts: { prototype: true } } },
  { input: 'MVP', want: { facts: { prototype: true } } },
  { input: 'not a prototype, real production traffic', want: { facts: { prototype: false } } },
  { input: 'run it on arm64', want: { facts: { architecture: 'arm' } } },
  { input: 'x86 only', want: { facts: { architecture: 'x86' } } },
  { input: 'deploy in eu-west-1', want: { facts: { region: 'eu-west-1' } } },
  { input: 'Cloud Run in europe-west1', want: { facts: { region: 'europe-west1' } } },
  {
    input: 'Resize images on upload to S3, a few thousand a day, takes about 2 s, 1.5 GB of RAM, us-east-1',
    want: { perDay: 3000, typicalMs: 2000, facts: { trigger: 'storage-event', memoryMb: 1536, region: 'us-east-1', nature: 'cpu-bound' } },
  },

  // Answers in context
  { input: 'none', ask: 'constraints', want: { facts: { constraintsAnswered: true, state: [] } } },
  { input: 'no', ask: 'constraints', want: { facts: { constraintsAnswered: true, state: [] } } },
  { input: 'nothing special', ask: 'constraints', want: { facts: { constraintsAnswered: true, state: [] } } },
  { input: 'n/a', ask: 'constraints', want: { facts: { constraintsAnswered: true, state: [] } } },
  { input: 'Stateless', ask: 'constraints', want: { facts: { constraintsAnswered: true, state: [] } } },
  { input: 'p99 under 100 ms', ask: 'constraints', want: { facts: { constraintsAnswered: true, latencyP99Ms: 100 } } },
  { input: 'WebSockets and a 3 GB model', ask: 'constraints', want: { facts: { constraintsAnswered: true, state: ['websocket'], packageMb: 3072 } } },
  { input: 'blah', ask: 'constraints', want: { absent: ['constraintsAnswered'], unread: /could not read a constraint/ } },
  { input: '10k/day', ask: 'traffic', want: { perDay: 10_000 } },
  { input: '10 per second', ask: 'traffic', want: { perDay: 864_000 } },
  { input: 'nightly', ask: 'traffic', want: { basis: 'schedule', perDay: 1 } },
  { input: '200', ask: 'traffic', want: { absent: ['traffic'], unread: /200 what\? e\.g\. "200 requests\/hour"/ } },
  { input: 'lots', ask: 'traffic', want: { absent: ['traffic'], unread: /could not find a rate/ } },
  { input: '2-3 s', ask: 'duration', want: { typicalMs: 2500, worstMs: 3000 } },
  { input: '2-3', ask: 'duration', want: { absent: ['duration'], unread: /2-3 what\?/ } },
  { input: 'an hour', ask: 'duration', want: { typicalMs: 3_600_000 } },
  { input: '200', ask: 'duration', want: { absent: ['duration'], unread: /200 what\? e\.g\. "200 ms"/ } },
  { input: 'Resize images on upload', ask: 'description', want: { facts: { description: 'Resize images on upload', trigger: 'storage-event' } } },

  // What-ifs
  { input: 'what if traffic is 10x', ask: 'what-if', want: { trafficFactor: 10, summary: /^traffic x10$/ } },
  { input: 'what if traffic doubles', ask: 'what-if', want: { trafficFactor: 2 } },
  { input: 'traffic triples', ask: 'what-if', want: { trafficFactor: 3 } },
  { input: 'half the traffic', ask: 'what-if', want: { trafficFactor: 0.5 } },
  { input: '10x the traffic', ask: 'what-if', want: { trafficFactor: 10 } },
  { input: 'what if traffic grows by 50%', ask: 'what-if', want: { trafficFactor: 1.5 } },
  { input: 'make it 2 GB', ask: 'what-if', want: { facts: { memoryMb: 2048 }, summary: /^memory 2048 MB$/ } },
  { input: 'what if it takes 20 minutes', ask: 'what-if', want: { typicalMs: 1_200_000, summary: /duration 20 min/ } },
  { input: 'what if traffic is 1000 rps', ask: 'what-if', want: { perDay: 86_400_000, absent: ['memoryMb'] } },
  { input: 'what if we run it on Graviton', ask: 'what-if', want: { facts: { architecture: 'arm' } } },
  { input: 'what about 4 GB of memory', ask: 'what-if', want: { facts: { memoryMb: 4096 } } },
  { input: 'and if traffic drops by 30%?', ask: 'what-if', want: { trafficFactor: 0.7 } },
  { input: 'what if traffic is 10x and it takes 5 minutes', ask: 'what-if', want: { trafficFactor: 10, typicalMs: 300_000, summary: /traffic x10, duration 5 min/ } },
  { input: 'resize images on upload', ask: 'what-if', want: null },
  { input: 'what if we add more cowbell', ask: 'what-if', want: null },
];

function read(row: Row): { facts: WorkloadFacts; heard: string[]; unread: string[]; factor?: number; summary?: string } | null {
  if (row.ask === 'what-if') {
    const w = parseWhatIf(row.input);
    return w && { facts: w.facts, heard: [], unread: [], factor: w.trafficFactor, summary: w.summary };
  }
  const r = row.ask ? parseAnswer(row.ask, row.input) : parseWorkload(row.input);
  return { facts: r.facts, heard: r.heard.map((h) => h.text), unread: r.unread };
}

describe('parser phrasings', () => {
  it('has at least 60 phrasings', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
  });

  const named = ROWS.map((row) => ({ ...row, name: `${row.ask ?? 'describe'}: ${row.input}` }));
  it.each(named)('$name', (row) => {
    const got = read(row);
    if (row.want === null) {
      expect(got).toBeNull();
      return;
    }
    expect(got).not.toBeNull();
    if (!got) return;
    const want = row.want;
    const traffic = got.facts.traffic;
    if (want.basis !== undefined) expect(traffic?.basis).toBe(want.basis);
    if (want.perDay !== undefined) expect(requestsPerDay(traffic?.hourly ?? [])).toBeCloseTo(want.perDay, 6);
    if (want.perMonth !== undefined) expect(monthlyRequests(traffic?.hourly ?? [])).toBeCloseTo(want.perMonth, 0);
    if (want.peakPerHour !== undefined) expect(Math.max(...(traffic?.hourly ?? []))).toBe(want.peakPerHour);
    if (want.busiestHour !== undefined) {
      const hourly = traffic?.hourly ?? [];
      expect(hourly.indexOf(Math.max(...hourly))).toBe(want.busiestHour);
    }
    if (want.spread === null) expect(traffic?.spread).toBeUndefined();
    if (want.spread) {
      expect(traffic?.spread?.low).toBeCloseTo(want.spread[0], 6);
      expect(traffic?.spread?.high).toBeCloseTo(want.spread[1], 6);
    }
    if (want.typicalMs !== undefined) expect(got.facts.duration?.typicalMs).toBe(want.typicalMs);
    if (want.worstMs !== undefined) expect(got.facts.duration?.worstMs).toBe(want.worstMs);
    for (const [field, value] of Object.entries(want.facts ?? {})) {
      expect(got.facts[field as WorkloadField], field).toEqual(value);
    }
    for (const field of want.absent ?? []) expect(got.facts[field], field).toBeUndefined();
    if (want.unread) expect(got.unread.some((u) => want.unread?.test(u)), got.unread.join(' | ')).toBe(true);
    else expect(got.unread).toEqual([]);
    if (want.heard) expect(got.heard.some((h) => want.heard?.test(h)), got.heard.join(' | ')).toBe(true);
    if (want.assumption) expect(traffic?.assumption).toMatch(want.assumption);
    if (row.ask === 'what-if') expect(got.factor).toBe(want.trafficFactor);
    if (want.summary) expect(got.summary).toMatch(want.summary);
  });
});

// What the person sees echoed back, word for word.
const ECHOES: { input: string; heard: string[] }[] = [
  { input: '15K requests/hour', heard: ['traffic: 15,000 requests/hour, all day (≈ 11M/month)'] },
  { input: '2-3 seconds', heard: ['duration: 2-3 s (typical 2.5 s)'] },
  { input: '1.5 GB of RAM', heard: ['memory: 1,536 MB'] },
  {
    input: 'a few thousand uploads a day',
    heard: ['traffic: about 3,000 uploads/day, could be 2,000-5,000 (≈ 91K/month)', 'trigger: storage event (file upload) (from "uploads")'],
  },
  {
    input: '6-9am 10K/hour, 9am-5pm 2K/hour, 5-7pm 15K/hour, 500/hour overnight',
    heard: [
      'traffic: 06:00-09:00 10,000/hour, 09:00-17:00 2,000/hour, 17:00-19:00 15,000/hour, otherwise 500/hour (peak 15,000/hour, 81,500/day, ≈ 2.5M/month)',
    ],
  },
  { input: 'p99 under 50 ms, stateless, arm, eu-west-1', heard: ['latency target: p99 under 50 ms', 'state: stateless', 'architecture: Arm (Graviton)', 'region: eu-west-1'] },
  { input: 'every night at 2am', heard: ['traffic: every night at 02:00 (1 run/day), ≈ 30/month', 'trigger: schedule (from "every night")'] },
];

describe('parser echoes', () => {
  it.each(ECHOES)('$input', ({ input, heard }) => {
    expect(parseWorkload(input).heard.map(formatHeard)).toEqual(heard);
  });
});
