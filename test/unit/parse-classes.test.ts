import { describe, expect, it } from 'vitest';
import type { QuestionId } from '../../src/core/conversation.js';
import { parseAnswer, parseWhatIf, parseWorkload } from '../../src/core/parse/parse-workload.js';
import { requestsPerDay } from '../../src/core/traffic.js';
import type { WorkloadFacts, WorkloadField } from '../../src/core/workload.js';

// Classes of phrasing the parser used to half-read, each with what it must
// read now: compound and spelled durations, percentiles, sizes, peaks and
// averages, surges, business hours, held connections, constraints, and
// figures it must refuse (negative, beyond sense) rather than misread.

interface Want {
  typicalMs?: number;
  worstMs?: number;
  perDay?: number;
  peakPerHour?: number;
  /** [weekday total, weekend total] per day. */
  week?: [number, number];
  spike?: { factor: number; hours: number; hoursStated: boolean };
  spread?: [number, number];
  assumption?: RegExp;
  facts?: Partial<WorkloadFacts>;
  absent?: WorkloadField[];
  unread?: RegExp;
  /** What-ifs: the factor, or the refusal. */
  factor?: number;
  refused?: RegExp;
}

interface Row {
  input: string;
  ask?: QuestionId | 'what-if';
  want: Want;
}

const ROWS: Row[] = [
  // Compound and spelled durations
  { input: 'the sync takes 1h30m', want: { typicalMs: 5_400_000 } },
  { input: 'each run is 15 min 30 s', want: { typicalMs: 930_000, worstMs: 930_000 } },
  { input: 'each run is 15m30s', want: { typicalMs: 930_000 } },
  { input: 'takes 1 hour and 20 minutes', want: { typicalMs: 4_800_000 } },
  { input: 'takes about 1h30', want: { typicalMs: 5_400_000 } },
  { input: '2:30 min per file', want: { typicalMs: 150_000 } },
  { input: 'two and a half seconds per call', want: { typicalMs: 2500 } },
  { input: 'a minute and a half per job', want: { typicalMs: 90_000 } },
  { input: 'half a second per request', want: { typicalMs: 500 } },
  { input: 'takes 1½ hours', want: { typicalMs: 5_400_000 } },
  { input: 'takes a couple seconds', want: { typicalMs: 2000 } },
  { input: 'between 200 and 800 ms', want: { typicalMs: 500, worstMs: 800 } },
  { input: 'serves 301s for old urls, 2 ms each', want: { typicalMs: 2, worstMs: 2 } },
  // A time stated without a readable figure is asked about, never defaulted.
  { input: 'the import runs for hours', want: { absent: ['duration'], facts: { vagueDuration: 'hour' }, unread: /about how many hours/ } },
  { input: 'takes 1e-9 minutes per request', want: { absent: ['duration'], unread: /too small to be real/ } },
  { input: 'handler takes -5 s', want: { absent: ['duration'], unread: /cannot be negative/ } },

  // Latency percentiles: measurements keep both ends; targets stay targets
  { input: '150ms p50, 2s p99', want: { typicalMs: 150, worstMs: 2000, absent: ['latencyP99Ms'] } },
  { input: 'median 40ms, p95 300ms', want: { typicalMs: 40, worstMs: 300, absent: ['latencyP99Ms'] } },
  { input: 'p99 under 200ms, p50 30ms', want: { typicalMs: 30, facts: { latencyP99Ms: 200 } } },

  // Sizes
  { input: '1,5 GB of RAM', want: { facts: { memoryMb: 1536 } } },
  { input: 'half a gig of memory', want: { facts: { memoryMb: 512 } } },
  { input: 'needs 1.5G', want: { facts: { memoryMb: 1536 } } },
  { input: '512M RAM', want: { facts: { memoryMb: 512 } } },
  { input: 'serves a 7 GB model', want: { facts: { packageMb: 7168, modelMb: 7168 }, absent: ['memoryMb'] } },
  { input: 'needs -2 GB of memory', want: { absent: ['memoryMb'], unread: /cannot be negative/ } },
  { input: '4 TB of RAM per run', want: { absent: ['memoryMb'], unread: /more than a terabyte/ } },

  // Peak versus average
  { input: '500 rps at peak, 50 on average', want: { perDay: 50 * 86_400, peakPerHour: 500 * 3600 } },
  { input: 'peak is 3x the average, 200 rps', want: { perDay: 200 * 86_400, peakPerHour: 600 * 3600 } },
  // 3 peak hours at 60k/hour, 8 night hours at 6k, the 13 between at the midpoint.
  { input: '1000/min at peak, 100/min at night', want: { perDay: 3 * 60_000 + 8 * 6000 + 13 * 33_000, peakPerHour: 60_000, assumption: /night 22:00-06:00/ } },
  { input: '100 rps during the day and 20 at night', want: { perDay: 12 * 360_000 + 12 * 72_000, peakPerHour: 360_000 } },
  { input: '~2k rpm at peak', want: { perDay: 1000 * 60 * 24, peakPerHour: 120_000, spread: [0.5, 2], assumption: /average is half of it/ } },

  // Surges are priced apart from the normal month
  { input: 'normally ~20 rps but Black Friday is 50x', want: { perDay: 20 * 86_400, spike: { factor: 50, hours: 24, hoursStated: false } } },
  { input: 'normally 100 rps; launch day spikes to 2000 rps for 3 hours', want: { perDay: 100 * 86_400, spike: { factor: 20, hours: 3, hoursStated: true } } },

  // Business hours are weekdays unless said
  {
    input: 'during business hours 4k/hour, otherwise 200/hour',
    want: { week: [8 * 4000 + 16 * 200, 24 * 200], perDay: (5 * (8 * 4000 + 16 * 200) + 2 * 24 * 200) / 7, assumption: /Monday to Friday/ },
  },
  { input: '9am-5pm on weekdays 10 rps, nothing otherwise', want: { week: [8 * 36_000, 0] } },
  { input: '2,000 orders a day on weekdays', want: { week: [2000, 0], perDay: (2000 * 5) / 7 } },
  { input: 'business hours 3k/hour, 7 days a week, 100/hour otherwise', want: { perDay: 8 * 3000 + 16 * 100 } },
  { input: '200 rps weekdays, 20 rps weekends', want: { week: [200 * 86_400, 20 * 86_400], perDay: (5 * 200 + 2 * 20) * 86_400 / 7 } },
  { input: 'traffic triples at lunch, 100 rps otherwise', want: { perDay: 100 * 86_400, peakPerHour: 300 * 3600 } },
  { input: 'peak is 0 rps', want: { perDay: 0 } },

  // Figures beyond sense, or negative, are refused with a reason
  { input: 'REST API, 10^15 rps, 100 ms', want: { absent: ['traffic'], typicalMs: 100, unread: /"10\^15 rps": that figure is beyond any real workload/ } },
  { input: '-100 rps, 100ms', want: { absent: ['traffic'], unread: /"-100 rps": a figure cannot be negative/ } },
  { input: '20 million requests per second', want: { absent: ['traffic'], unread: /more than 10 million requests a second/ } },
  { input: '1e6 requests a day', want: { perDay: 1e6 } },
  { input: '2.5e3 rps', want: { perDay: 2500 * 86_400 } },
  { input: '10^6 requests per day', want: { perDay: 1e6 } },

  // Concurrency is not a request rate
  { input: '20k concurrent users', want: { facts: { connections: { concurrent: 20_000, kind: 'websocket' } }, absent: ['traffic'] } },
  { input: 'live scores over SSE, 2k users online', want: { facts: { connections: { concurrent: 2000, kind: 'sse' } } } },
  {
    input: '500 concurrent viewers, each connection open ~30 min',
    want: { facts: { connections: { concurrent: 500, kind: 'websocket', sessionMinutes: 30 } }, absent: ['duration'] },
  },
  {
    input: '5,000 open websocket connections, each client sends a message every 10 s',
    want: { facts: { connections: { concurrent: 5000, kind: 'websocket', messagesPerMinute: 6 } } },
  },
  { input: 'game server, 1000 players online, tick rate of 20', want: { facts: { connections: { concurrent: 1000, kind: 'game', messagesPerMinute: 1200 } } } },
  { input: '30k daily active users, 50 rps', want: { absent: ['connections'], perDay: 50 * 86_400 } },

  // Constraints
  { input: 'needs a GPU', want: { facts: { gpu: true } } },
  { input: 'inference on a T4', want: { facts: { gpu: true, gpuModel: 'T4' } } },
  { input: 'CPU only, no GPU needed', want: { facts: { gpu: false } } },
  { input: 'we might move to GCP next year', want: { facts: { portable: true } } },
  { input: 'no vendor lock-in please', want: { facts: { portable: true } } },
  { input: 'multi-cloud', want: { facts: { portable: true } } },
  { input: 'vendor lock-in is fine for us', want: { facts: { portable: false } } },
  { input: "we don't care about vendor lock-in", want: { facts: { portable: false } } },
  { input: 'redirects at the edge', want: { facts: { edge: true } } },
  { input: 'JWT auth check, 1 ms', want: { facts: { edge: true } } },
  { input: 'JWT auth check, 300 ms', want: { absent: ['edge'] } },
  { input: 'Spring Boot service', want: { facts: { runtime: 'java' } } },
  { input: '.NET 8 minimal API', want: { facts: { runtime: 'dotnet' } } },

  // Answers in context
  { input: 'needs a GPU', ask: 'constraints', want: { facts: { gpu: true, constraintsAnswered: true } } },
  { input: 'we want to stay portable', ask: 'constraints', want: { facts: { portable: true, constraintsAnswered: true } } },
  { input: '20k concurrent users', ask: 'traffic', want: { facts: { connections: { concurrent: 20_000, kind: 'websocket' } } } },
  { input: '1h30m', ask: 'duration', want: { typicalMs: 5_400_000 } },

  // What-ifs: refused with a reason, never silently changed
  { input: 'what if traffic -5x', ask: 'what-if', want: { refused: /"-5x": a figure cannot be negative/ } },
  { input: 'traffic -5x', ask: 'what-if', want: { refused: /cannot be negative/ } },
  { input: 'what if traffic x0', ask: 'what-if', want: { refused: /x0 would leave nothing/ } },
  { input: 'what if traffic is 100000x', ask: 'what-if', want: { refused: /beyond any real workload/ } },
  { input: 'what if traffic drops by 100%', ask: 'what-if', want: { refused: /cannot drop by 100%/ } },
  { input: 'what if it takes -3 minutes', ask: 'what-if', want: { refused: /cannot be negative/ } },
  { input: 'what if traffic is 20 million rps', ask: 'what-if', want: { refused: /more than 10 million requests a second/ } },
  { input: 'what if traffic doubles', ask: 'what-if', want: { factor: 2 } },
];

describe('parser classes', () => {
  it.each(ROWS.map((r) => ({ ...r, name: `${r.ask ?? 'describe'}: ${r.input}` })))('$name', (row) => {
    const want = row.want;
    if (row.ask === 'what-if') {
      const w = parseWhatIf(row.input);
      expect(w).not.toBeNull();
      if (want.refused) {
        expect(w?.refused).toMatch(want.refused);
        expect(w?.facts).toEqual({});
        expect(w?.trafficFactor).toBeUndefined();
      } else {
        expect(w?.refused).toBeUndefined();
        expect(w?.trafficFactor).toBe(want.factor);
      }
      return;
    }
    const r = row.ask ? parseAnswer(row.ask, row.input) : parseWorkload(row.input);
    const f = r.facts;
    if (want.typicalMs !== undefined) expect(f.duration?.typicalMs).toBe(want.typicalMs);
    if (want.worstMs !== undefined) expect(f.duration?.worstMs).toBe(want.worstMs);
    if (want.perDay !== undefined) expect(requestsPerDay(f.traffic?.hourly ?? [])).toBeCloseTo(want.perDay, 4);
    if (want.peakPerHour !== undefined) expect(Math.max(...(f.traffic?.week?.weekdays ?? f.traffic?.hourly ?? [0]))).toBeCloseTo(want.peakPerHour, 4);
    if (want.week) {
      expect(requestsPerDay(f.traffic?.week?.weekdays ?? [])).toBeCloseTo(want.week[0], 4);
      expect(requestsPerDay(f.traffic?.week?.weekend ?? [])).toBeCloseTo(want.week[1], 4);
    } else expect(f.traffic?.week).toBeUndefined();
    if (want.spike) expect(f.traffic?.spike).toMatchObject(want.spike);
    else expect(f.traffic?.spike).toBeUndefined();
    if (want.spread) expect([f.traffic?.spread?.low, f.traffic?.spread?.high]).toEqual(want.spread);
    if (want.assumption) expect(f.traffic?.assumption).toMatch(want.assumption);
    for (const [field, value] of Object.entries(want.facts ?? {})) expect(f[field as WorkloadField], field).toEqual(value);
    for (const field of want.absent ?? []) expect(f[field], field).toBeUndefined();
    if (want.unread) expect(r.unread.join(' ')).toMatch(want.unread);
    else expect(r.unread).toEqual([]);
  });
});
