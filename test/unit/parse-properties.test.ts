import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUESTION_IDS } from '../../src/core/conversation.js';
import {
  INTERNAL_ERROR,
  parseAnswer,
  parseWhatIf,
  parseWorkload,
  type ParseResult,
} from '../../src/core/parse/parse-workload.js';
import { STATE_NEEDS, TRIGGERS, type WorkloadFacts } from '../../src/core/workload.js';

// The parser is total: whatever arrives in a chat message, it returns a
// well-formed result, quickly, and never throws.

/** Words and figures the parser reacts to, so random sentences reach deep into it. */
const VOCABULARY = [
  '15k', '2.6', 'billion', 'requests', 'req/s', '/hour', 'per', 'a', 'day', 'month', 'rps', 'qps', '24/7', 'about', '~',
  'a few', 'thousand', 'dozen', 'every', '5', 'minutes', 'nightly', 'hourly', 'weekly', 'once', 'twice', 'cron', '*/5', '*',
  '0', '2', '6-9am', '9am-5pm', '5-7pm', 'overnight', 'otherwise', 'between', 'and', 'to', 'from', '10pm', ',', ';', '.',
  '100ms', '2-3', 'seconds', 's', 'ms', 'takes', 'an', 'hour', 'up to', 'p99', 'p50', 'under', 'latency', 'sub-', '512MB',
  'GB', 'of RAM', 'model', 'dependencies', 'upload', 'S3', 'webhook', 'Kafka', 'SQS', 'API', 'WebSocket', 'in-memory cache',
  'connection pool', 'stateless', 'no', 'transcoding', 'database', 'prototype', 'arm', 'graviton', 'us-east-1', '1,000',
  '1.5k', 'M', 'bn', 'x10', '10x', 'doubles', 'half', 'what if', 'make it', '%', '$', '-', '99999999999999999999', '1e308',
  '\u0002', '\u0000', '\u2013', '≈', '×', 'µs', '🚀', 'ß', 'İ', '\n', '\t',
  // Classes read since: notation, negatives, compound durations, percentiles, peaks, surges, connections, constraints.
  '\u0003', '1e6', '1e-9', '2.5e3', '10^15', '10^6', '2x10^5', '-100', '-', '1h30m', '15m30s', '1:30', 'and a half', 'half a',
  '½', '1,5', 'gig', '1.5G', '512M', 'between', 'median', 'p95', 'at peak', 'on average', 'at night', 'peak is', '3x',
  'black friday', '50x', 'launch day', 'for 3 hours', 'business hours', 'weekdays', '7 days a week', 'concurrent', 'users',
  'online', 'connected', 'viewers', 'each connection open', 'each sends a message every', 'tick rate of', 'sse', 'mqtt',
  'gpu', 't4', 'a10g', 'cuda', 'no vendor lock-in', 'portable', 'move to gcp', 'at the edge', 'redirects', 'spring boot',
  '.net', 'runs for hours', 'month-end', '301s', 'daily active users',
];

const sentence = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 40 }).map((words) => words.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  sentence,
  fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 40 }).map((words) => words.join('')),
);

function checkFacts(facts: WorkloadFacts): void {
  const t = facts.traffic;
  if (t) {
    expect(t.hourly).toHaveLength(24);
    for (const h of t.hourly) {
      expect(Number.isFinite(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
    }
    expect(['steady', 'bands', 'total', 'schedule']).toContain(t.basis);
    expect(t.echo.length).toBeGreaterThan(0);
    if (t.spread) {
      expect(t.spread.low).toBeGreaterThan(0);
      expect(t.spread.low).toBeLessThanOrEqual(1);
      expect(t.spread.high).toBeGreaterThanOrEqual(1);
      expect(Number.isFinite(t.spread.high)).toBe(true);
    }
  }
  const d = facts.duration;
  if (d) {
    expect(d.typicalMs).toBeGreaterThan(0);
    expect(d.typicalMs).toBeLessThanOrEqual(d.worstMs);
    expect(Number.isFinite(d.worstMs)).toBe(true);
  }
  for (const n of [facts.memoryMb, facts.packageMb, facts.latencyP99Ms]) {
    if (n !== undefined) {
      expect(n).toBeGreaterThan(0);
      expect(Number.isFinite(n)).toBe(true);
    }
  }
  if (facts.cpuShare !== undefined) {
    expect(facts.cpuShare).toBeGreaterThan(0);
    expect(facts.cpuShare).toBeLessThanOrEqual(1);
  }
  if (facts.trigger !== undefined) expect(TRIGGERS).toContain(facts.trigger);
  if (t?.week) {
    for (const day of [t.week.weekdays, t.week.weekend]) {
      expect(day).toHaveLength(24);
      for (const h of day) expect(Number.isFinite(h) && h >= 0).toBe(true);
    }
  }
  if (t?.spike) {
    expect(t.spike.factor).toBeGreaterThan(1);
    expect(Number.isFinite(t.spike.factor)).toBe(true);
    expect(t.spike.hours).toBeGreaterThan(0);
  }
  const c = facts.connections;
  if (c) {
    expect(c.concurrent).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(c.concurrent)).toBe(true);
    for (const n of [c.sessionMinutes, c.messagesPerMinute]) if (n !== undefined) expect(n > 0 && Number.isFinite(n)).toBe(true);
  }
  if (facts.modelMb !== undefined) expect(facts.modelMb > 0 && Number.isFinite(facts.modelMb)).toBe(true);
  if (facts.state) {
    for (const s of facts.state) expect(STATE_NEEDS).toContain(s);
    expect(new Set(facts.state).size).toBe(facts.state.length);
  }
}

function checkResult(r: ParseResult): void {
  checkFacts(r.facts);
  for (const h of r.heard) {
    expect(typeof h.text).toBe('string');
    expect(h.text.length).toBeGreaterThan(0);
    // eslint-disable-next-line no-control-regex -- the vague-amount marker is a control character on purpose (numbers.ts)
    expect(h.text).not.toMatch(/NaN|undefined|Infinity|[\u0002\u0003]/);
  }
  // Every fact read is echoed, so a person can check it.
  for (const field of ['traffic', 'duration', 'memoryMb', 'packageMb', 'latencyP99Ms', 'trigger'] as const) {
    if (r.facts[field] !== undefined) expect(r.heard.map((h) => h.field)).toContain(field);
  }
  for (const u of r.unread) expect(typeof u).toBe('string');
  expect(r.unread).not.toContain(INTERNAL_ERROR);
}

describe('parser properties', () => {
  it('parseWorkload returns a well-formed result for any text', () => {
    fc.assert(fc.property(anyText, (text) => checkResult(parseWorkload(text))), { numRuns: 2000 });
  });

  it('parseAnswer returns a well-formed result for any question and text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUESTION_IDS), anyText, (question, text) => {
        const r = parseAnswer(question, text);
        checkResult(r);
        // A constraints answer is either understood or explained.
        if (question === 'constraints') expect(r.facts.constraintsAnswered === true || r.unread.length > 0).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseWhatIf returns null or a usable what-if for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const w = parseWhatIf(text);
        if (w === null) return;
        checkFacts(w.facts);
        expect(w.summary.length).toBeGreaterThan(0);
        if (w.trafficFactor !== undefined) {
          expect(w.trafficFactor).toBeGreaterThan(0);
          expect(Number.isFinite(w.trafficFactor)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads "N requests per hour" as N in every hour, for any N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), (n) => {
        const hourly = parseWorkload(`${n} requests per hour`).facts.traffic?.hourly ?? [];
        expect(hourly).toEqual(Array.from({ length: 24 }, () => n));
        const scaled = parseWorkload(`${n}k requests per hour`).facts.traffic?.hourly[0];
        expect(scaled).toBe(n * 1000);
      }),
    );
  });

  it('reads "N ms" and "A-B s" durations exactly, with typical <= worst', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }), (n, a, b) => {
        expect(parseWorkload(`takes ${n} ms`).facts.duration).toEqual({ typicalMs: n, worstMs: n });
        const d = parseWorkload(`${a}-${b} seconds`).facts.duration;
        expect(d).toEqual({ typicalMs: ((a + b) / 2) * 1000, worstMs: Math.max(a, b) * 1000 });
      }),
    );
  });

  it('caps huge input and says so', () => {
    const huge = `${'lorem ipsum '.repeat(4000)} 10 rps`;
    const r = parseWorkload(huge);
    expect(r.unread.some((u) => /first 4,000 characters/.test(u))).toBe(true);
    expect(r.facts.traffic).toBeUndefined();
  });

  it.each([
    ['40 kB of digits', '1'.repeat(40_000)],
    ['40 kB of "1 "', '1 '.repeat(20_000)],
    ['ranges without end', '1-'.repeat(20_000)],
    ['repeated figures with nouns', '1 req '.repeat(7000)],
    ['percentiles without figures', 'p99 '.repeat(10_000)],
    ['words without periods', 'a '.repeat(20_000)],
    ['cron-like noise', '* 1 '.repeat(10_000)],
    ['markers', '~\u0002'.repeat(20_000)],
  ])('reads adversarial input and returns a valid result: %s', (_name, text) => {
    // No timing assertion (speed is measured by `npm run bench`); catastrophic
    // backtracking would run into the test timeout instead of passing.
    checkResult(parseWorkload(text));
    expect(() => parseWhatIf(text)).not.toThrow();
    for (const q of QUESTION_IDS) checkResult(parseAnswer(q, text));
  });

  it('does not throw on values that are not strings', () => {
    expect(() => parseWorkload(undefined as unknown as string)).not.toThrow();
    expect(() => parseAnswer('traffic', null as unknown as string)).not.toThrow();
    expect(parseWhatIf(42 as unknown as string)).toBeNull();
  });
});
