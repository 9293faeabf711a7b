import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import type { Verdict } from '../../src/core/assessment.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import type { WorkloadFacts } from '../../src/core/workload.js';
import { shippedCatalog } from '../helpers/advisor-harness.js';

// The cases DESIGN.md names, from the words a person would type to the verdict,
// the recommended platform and the rule the card must cite.

const catalog = shippedCatalog();

function assessText(text: string, extra: WorkloadFacts = {}) {
  const facts = { ...parseWorkload(text).facts, description: text, ...extra };
  return assess(facts, catalog);
}

const CASES: { text: string; verdict: Verdict | 'not fit'; platform?: RegExp; rule?: string; cites?: RegExp }[] = [
  { text: 'resize images on upload to S3, 2 s each, a few thousand a day', verdict: 'fit', platform: /Lambda/, rule: 'event-driven' },
  { text: 'video transcoding, 45 minutes per video, 200 videos a day', verdict: 'avoid', platform: /Batch|Fargate/, rule: 'timeout', cites: /3x Lambda's 15-minute limit/ },
  { text: 'WebSocket chat server for 5000 concurrent users, 50 messages/s', verdict: 'not fit', platform: /Fargate|EC2/, rule: 'connections' },
  { text: 'nightly ML training job, 6 hours', verdict: 'avoid', platform: /Batch/, rule: 'timeout', cites: /24x/ },
  { text: 'nightly cleanup job, 3 minutes', verdict: 'fit', platform: /Lambda/, rule: 'event-driven' },
  { text: 'REST API, 1000 rps 24/7, 100 ms per request, calls Postgres', verdict: 'avoid', platform: /EC2|Fargate/, rule: 'steady-traffic' },
  { text: 'Stripe webhook handler, 300 ms, 20k events a month', verdict: 'fit', platform: /Lambda/, rule: 'event-driven' },
  { text: 'pricing API with p99 under 50 ms, 30 req/s steady, 20 ms each', verdict: 'not fit', rule: 'latency' },
  { text: 'ML inference with a 3 GB model, 500 ms per request, 5 req/s', verdict: 'not fit', rule: 'heavy-dependencies' },
  { text: 'hackathon prototype API, 100 requests a day, 150 ms', verdict: 'fit', platform: /Lambda/, rule: 'prototype' },
  { text: 'SQS queue worker, 10 s per message, 50k messages a day', verdict: 'fit', platform: /Lambda/, rule: 'event-driven' },
  { text: 'data export job needing 16 GB of memory, 5 minutes, hourly', verdict: 'avoid', rule: 'memory-limit' },
];

describe('DESIGN.md cases', () => {
  it.each(CASES)('$text -> $verdict', ({ text, verdict, platform, rule, cites }) => {
    const a = assessText(text);
    if (verdict === 'not fit') expect(a.verdict).not.toBe('fit');
    else expect(a.verdict).toBe(verdict);
    if (platform) expect(a.platform).toMatch(platform);
    if (rule) expect(a.reasons.map((r) => r.rule)).toContain(rule);
    if (cites) expect(a.reasons.map((r) => r.text).join('\n')).toMatch(cites);
  });

  it('names the numbers in every reason', () => {
    const a = assessText('video transcoding, 45 minutes per video');
    const timeout = a.reasons.find((r) => r.rule === 'timeout');
    expect(timeout?.text).toBe("45 min per run is 3x Lambda's 15-minute limit (900 s).");
  });

  it('decides steady traffic by the cost crossover, not a fixed number', () => {
    const low = assessText('REST API, 1 rps 24/7, 100 ms per request');
    const high = assessText('REST API, 1000 rps 24/7, 100 ms per request');
    expect(low.reasons.find((r) => r.rule === 'steady-traffic')?.polarity).toBe('pro');
    expect(high.reasons.find((r) => r.rule === 'steady-traffic')?.polarity).toBe('con');
    expect(high.cost.breakEven?.averageRps).toBeGreaterThan(1);
    expect(high.cost.breakEven?.averageRps).toBeLessThan(1000);
  });

  it('says what would change a fit verdict', () => {
    const a = assessText('Stripe webhook handler, 300 ms, 20k events a month');
    expect(a.verdict).toBe('fit');
    expect(a.changeIf.join('\n')).toMatch(/Above about [\d.]+ req\/s on average, servers become cheaper/);
  });

  it('shows every default it filled in as an assumption', () => {
    const a = assess({ description: 'something' }, catalog);
    const about = a.assumptions.map((x) => x.about);
    for (const field of ['trigger', 'traffic', 'duration', 'memoryMb', 'cpuShare', 'state']) expect(about).toContain(field);
  });
});
