import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Verdict } from '../src/core/assessment.js';
import { createDigestService } from '../src/core/digest/digest-service.js';
import { windowEndingAt } from '../src/core/digest/iso-week.js';
import { openDatabase } from '../src/store/open-database.js';
import { createSqliteConversationStore } from '../src/store/sqlite-conversation-store.js';
import { createSqliteDigestStore } from '../src/store/sqlite-digest-store.js';

/**
 * Building one weekly digest over a database of `rows` saved assessments (a
 * temp SQLite file, deleted afterwards). The rows span a year across
 * `workspaces` workspaces; the busiest holds a quarter of them, and its
 * latest week is the one timed (about 4,800 assessments in a million).
 */
export interface DigestBenchResult {
  rows: number;
  workspaces: number;
  seedSeconds: number;
  /** Assessments in the digested week of the busiest workspace. */
  weekAssessments: number;
  firstMs: number;
  medianMs: number;
  maxMs: number;
  runs: number;
}

const PLATFORMS = ['AWS Lambda', 'AWS Fargate', 'AWS EC2', 'Cloud Run functions', 'Azure Functions', 'Cloudflare Workers'];
const VERDICTS: Verdict[] = ['fit', 'marginal', 'avoid'];
const WEEK_MS = 7 * 86_400_000;

export async function benchDigest(options: { rows?: number; workspaces?: number; runs?: number } = {}): Promise<DigestBenchResult> {
  const rows = options.rows ?? 1_000_000;
  const workspaces = options.workspaces ?? 20;
  const runs = options.runs ?? 10;
  const until = new Date('2026-11-23T09:00:00.000Z');
  const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-bench-digest-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    const store = createSqliteConversationStore(db);
    const random = mulberry32(48);
    const seedStarted = performance.now();
    const span = 52 * WEEK_MS;
    let conversation = 0;
    let previous: { verdict: Verdict; left: number } = { verdict: 'fit', left: 0 };
    const batch = 50_000;
    for (let start = 0; start < rows; start += batch) {
      await store.transaction(async () => {
        for (let i = start; i < Math.min(rows, start + batch); i++) {
          // A conversation has 1-3 assessments; the later ones are what-ifs that may flip the verdict.
          const reassessment = previous.left > 0;
          if (!reassessment) {
            conversation += 1;
            previous = { verdict: VERDICTS[Math.floor(random() * 3)]!, left: Math.floor(random() * 3) };
          } else previous.left -= 1;
          const verdict = reassessment && random() < 0.3 ? VERDICTS[Math.floor(random() * 3)]! : previous.verdict;
          previous.verdict = verdict;
          const workspace = random() < 0.25 ? 'T-busy' : `T-${Math.floor(random() * (workspaces - 1))}`;
          const usd = random() < 0.05 ? null : Math.round(random() * 500_000) / 100;
          await store.recordAssessment({
            id: `a${i}`,
            conversationId: `c${conversation}-${workspace}`,
            workspace,
            platform: 'slack',
            channel: `C${Math.floor(random() * 10)}`,
            thread: `17000${i}.000100`,
            user: 'U1',
            at: new Date(until.getTime() - Math.floor(random() * span)).toISOString(),
            description: `bench workload ${conversation}`,
            verdict,
            recommended: PLATFORMS[Math.floor(random() * PLATFORMS.length)]!,
            recommendedMonthlyUsd: usd,
            alternativeMonthlyUsd: usd === null ? null : Math.round(random() * 500_000) / 100,
            catalogVersion: 'bench',
            catalogAsOf: null,
            reassessment,
            facts: null,
          });
        }
      });
    }
    db.pragma('optimize');
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const digests = createDigestService({
      store: createSqliteDigestStore(db),
      catalog: { version: 'bench', asOf: '2026-11-01' },
      clock: { now: () => until },
      newId: () => 'bench',
    });
    const window = windowEndingAt(until);
    const times: number[] = [];
    let weekAssessments = 0;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const digest = await digests.build({ platform: 'slack', workspace: 'T-busy', window });
      times.push(performance.now() - started);
      weekAssessments = digest.figures.assessments;
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      rows,
      workspaces,
      seedSeconds: round(seedSeconds),
      weekAssessments,
      firstMs: round(times[0] ?? 0),
      medianMs: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      maxMs: round(sorted.at(-1) ?? 0),
      runs,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A small seeded PRNG, so every run digests the same database. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
