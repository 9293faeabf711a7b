import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { assessmentJson } from '../../src/core/assessment-json.js';
import { buildCard } from '../../src/core/build-card.js';
import { parseWorkload } from '../../src/core/parse/parse-workload.js';
import { averageRps } from '../../src/core/traffic.js';
import { shippedCatalog } from '../helpers/advisor-harness.js';

// Workloads as engineers type them into the command, each with the verdict and
// the platform family a senior architect would give. Written for this table,
// not taken from any issue; the advice is also tried on phrasings nobody wrote
// down, so these are a sample of the classes, not the classes themselves.

const catalog = shippedCatalog();
const today = new Date('2026-12-01T12:00:00Z');

type Family = 'lambda' | 'workers' | 'cloud-run' | 'servers' | 'batch' | 'gpu' | 'any';
type Want = 'fit' | 'marginal' | 'avoid' | 'not-fit';

const WORKLOADS: [text: string, verdict: Want, family: Family][] = [
  ['Stripe payment webhooks into our billing service, ~8k a day, 250ms each', 'fit', 'lambda'],
  ['slack bot for on-call rotations, maybe 300 commands a day, 400ms, python', 'fit', 'lambda'],
  ['resize avatars when users upload them to S3, 1.2s each at 1GB, ~15k uploads/day', 'fit', 'lambda'],
  ['generate invoice PDFs on demand, 3 s, 2GB, 500 a day', 'fit', 'lambda'],
  ['SQS consumer that writes audit events to DynamoDB, 40ms, 3M messages a month', 'fit', 'lambda'],
  ['cron every 15 min to sync exchange rates from an external API, takes 4s', 'fit', 'lambda'],
  ['daily digest email job at 7am, runs for 90 seconds', 'fit', 'lambda'],
  ['contact form handler for the marketing site, 200 submissions a month, 300 ms', 'fit', 'lambda'],
  ['prototype: internal tool to tag support tickets with an LLM API, 1k requests a day, 2s each', 'fit', 'lambda'],
  ['S3 upload triggers virus scan, 20s per file, 2k files a day, 2GB', 'fit', 'lambda'],
  ['twilio SMS webhook, 150 ms, 30k a month', 'fit', 'lambda'],
  ['OCR receipts uploaded by the mobile app, 2-4 s, 1.5 GB, 60k a month', 'fit', 'lambda'],
  ['nightly cleanup of expired sessions in Postgres, 2 minutes', 'fit', 'lambda'],
  ['GitHub app webhook: label PRs, 5k events/day, 300ms, node', 'fit', 'lambda'],
  ['image moderation on upload via a vision API call, 800ms, 25k uploads/day', 'fit', 'lambda'],
  ['public GraphQL API, 1,500 rps steady around the clock, 45 ms, node, talks to Postgres', 'avoid', 'servers'],
  ['ad bidding service, 8k rps 24/7, p99 under 40 ms, 10ms each', 'avoid', 'servers'],
  ['product catalog API, 400 req/s all day, 80 ms, in-memory cache of the catalog', 'avoid', 'servers'],
  ['WebSocket trading feed, 15k concurrent clients, pushes a price update every second', 'avoid', 'servers'],
  ['live auction page using server-sent events, 2k concurrent bidders, each connected ~20 min', 'avoid', 'servers'],
  ['multiplayer lobby server with in-memory game state, 800 players online, 20 ticks per second', 'avoid', 'servers'],
  ['fleet telemetry: 25k vehicles connected over MQTT, one message every 15 s each', 'avoid', 'servers'],
  ['customer support chat over socket.io, 3k agents and customers online, each sends a message every 20 s', 'avoid', 'servers'],
  ['Spring Boot order API, 80 rps steady, 150 ms, p99 under 1 s', 'avoid', 'servers'],
  ['kafka consumer for clickstream, 5000 events/s all day, 4 ms each', 'avoid', 'servers'],
  ['ML model serving, 1.8 GB scikit model, 250ms per prediction, 40 rps around the clock', 'avoid', 'servers'],
  ['search suggestions API with a 2 GB in-memory index, 250 rps, 15 ms', 'avoid', 'servers'],
  ['nightly warehouse load from Postgres into BigQuery, takes around 2 hours', 'avoid', 'batch'],
  ['weekly churn model training, 5 hours, 32 GB of RAM', 'avoid', 'batch'],
  ['monthly invoice run at month-end, 1h30m, 4 GB', 'avoid', 'batch'],
  ['video encoding of uploaded lectures, 40 minutes each, 100 a day, 8 GB', 'avoid', 'batch'],
  ['genome alignment, 4 hours per sample, 64 GB RAM, 20 samples a week', 'avoid', 'batch'],
  ['rebuild the search index every night, 25 minutes', 'avoid', 'batch'],
  ['quarterly compliance export, 3 hours', 'avoid', 'batch'],
  ['transcode podcast uploads to 3 bitrates, 15m30s each, 200 a day', 'avoid', 'batch'],
  ['real-time object detection API on a T4, needs CUDA, 60 ms per image, 30 rps', 'avoid', 'gpu'],
  ['stable diffusion image generation, needs a GPU, 8 s per image, 2k images a day', 'avoid', 'gpu'],
  ['LLM chat completions self-hosted with vLLM on an A10G, 1.5 s per request, 2 rps', 'avoid', 'gpu'],
  ['nightly fine-tuning job on a GPU, 3 hours', 'avoid', 'gpu'],
  ['speech-to-text with whisper large on GPU, 30 s per file, 5k files a day', 'avoid', 'gpu'],
  ['301 redirects for old blog URLs at the edge, 1 ms, 200 rps', 'fit', 'workers'],
  ['JWT validation at the edge in front of our API, 2 ms CPU, 1500 rps', 'fit', 'workers'],
  ['A/B test cookie bucketing on Cloudflare Workers, 3 ms, 400 req/s', 'fit', 'workers'],
  ['add security headers at the CDN edge, under 1 ms, 50 rps', 'fit', 'workers'],
  ['geo redirect to the right country store at the edge, 2 ms, 3 million a day', 'fit', 'workers'],
  ['order webhook handler, 300 ms, 50k a month, we want to stay portable and might move to GCP', 'fit', 'cloud-run'],
  ['queue worker for thumbnail jobs, 4 s each, 20k a day, no vendor lock-in please', 'fit', 'cloud-run'],
  ['REST API for partners, 120 rps steady, 90 ms, must stay cloud-agnostic', 'not-fit', 'servers'],
  ['ASP.NET webhook for SAP events, 1k a day, 500 ms, .net', 'fit', 'lambda'],
  ['.NET API behind our mobile app, 10 rps, 100 ms, p99 under 300 ms', 'marginal', 'any'],
  ['checkout API: 600 rps at peak, 120 on average, 100 ms, talks to Postgres', 'not-fit', 'servers'],
  ['pricing API, peak is 4x the average, 150 rps average, 30 ms', 'not-fit', 'servers'],
  ['HR portal backend used during business hours, 3k requests per hour, 200 ms', 'fit', 'lambda'],
  ['internal expenses API, 8am-6pm weekdays 5 req/s, nothing otherwise, 250 ms', 'fit', 'lambda'],
  ['mobile backend, 100 rps during the day and 30 at night, 70 ms', 'not-fit', 'servers'],
  ['flash-sale API, normally ~15 rps but sale days are 40x for 3 hours, 120 ms', 'fit', 'lambda'],
  ['event ticket checkout, 2 rps normally, Black Friday is 100x, 300 ms', 'fit', 'lambda'],
  ['partner report generator, two and a half minutes per report, 300 a day, 1 GB, triggered from a queue', 'fit', 'lambda'],
  ['data export, 1h30m per run, nightly, 3 GB', 'avoid', 'batch'],
  ['thumbnailer on S3 upload, 300ms p50, 1.5s p99, 100k a day, 1.5 GB', 'fit', 'lambda'],
  ['log enrichment pipeline from kinesis, 20k events per second, 2 ms each', 'avoid', 'servers'],
  ['weekly backup verification job, 8 minutes, 512 MB', 'fit', 'lambda'],
  ['scientific simulation, 2 hours per run, 48 GB of RAM, 30 runs a day', 'avoid', 'batch'],
  ['hackathon MVP: photo sharing API, a few hundred requests a day, 150ms', 'fit', 'lambda'],
  ['video call signalling over websockets, 4k concurrent users', 'avoid', 'servers'],
];

function family(a: ReturnType<typeof assess>): Family {
  switch (a.platformId) {
    case 'aws-lambda':
      return 'lambda';
    case 'cloudflare-workers':
      return 'workers';
    case 'gcp-cloud-run-functions':
      return 'cloud-run';
    case 'aws-batch':
      return a.workload.gpu ? 'gpu' : 'batch';
    default:
      return a.workload.gpu ? 'gpu' : 'servers';
  }
}

function assessText(text: string) {
  return assess({ ...parseWorkload(text).facts, description: text }, catalog, { chart: false });
}

describe('workloads people bring', () => {
  it('has at least 60 of them, across the classes', () => {
    expect(WORKLOADS.length).toBeGreaterThanOrEqual(60);
    const families = new Set(WORKLOADS.map(([, , f]) => f));
    for (const f of ['lambda', 'workers', 'cloud-run', 'servers', 'batch', 'gpu']) expect(families).toContain(f);
  });

  it.each(WORKLOADS)('%s -> %s on %s', (text, verdict, want) => {
    const a = assessText(text);
    if (verdict === 'not-fit') expect(a.verdict).not.toBe('fit');
    else expect(a.verdict).toBe(verdict);
    if (want !== 'any') expect(family(a)).toBe(want);
  });
});

describe('no reason contradicts the card', () => {
  it.each(WORKLOADS.map(([text]) => [text]))('%s', (text) => {
    const a = assessText(text);
    const card = buildCard(a, null, today);
    const recommended = card.costs.filter((c) => c.recommended);
    // The headline, the recommended row and the JSON name one platform, and it has a priced cost line.
    expect(recommended).toHaveLength(1);
    expect(recommended[0]!.platform).toBe(a.platformId);
    expect(assessmentJson(a).platformId).toBe(a.platformId);
    expect(card.headline).toContain(a.platform);
    const row = a.cost.costs.find((c) => c.platform === a.platformId)!;
    expect(row.available).toBe(true);
    expect(row.lines.length).toBeGreaterThan(0);
    // The cost comparison names the platform the headline recommends (when it is one of the two compared).
    const steady = a.reasons.find((r) => r.rule === 'steady-traffic');
    if (steady && a.verdict === 'avoid') expect(steady.text).toContain(a.platform);
    if (steady && a.verdict === 'fit') expect(steady.text).toContain(row.label);
    // Busy work is never "mostly idle".
    const busy = (averageRps(a.workload.traffic.hourly) * a.workload.duration.typicalMs) / 1000;
    if (busy >= 0.5 || a.workload.connections) expect(a.reasons.map((r) => r.rule)).not.toContain('low-volume');
    // Nothing argues for functions when no functions platform can run it.
    if (a.cost.costs.every((c) => c.kind !== 'functions' || !c.available)) expect(a.reasons.filter((r) => r.polarity === 'pro')).toEqual([]);
  });
});
