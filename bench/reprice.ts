import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../src/core/assess.js';
import { decisionOutcome } from '../src/core/assessment-record.js';
import { parseWorkload } from '../src/core/parse/parse-workload.js';
import type { PricingCatalog } from '../src/core/pricing/catalog-schema.js';
import { repriceHistory } from '../src/core/reprice/reprice-history.js';
import { openDatabase } from '../src/store/open-database.js';
import { createSqliteConversationStore } from '../src/store/sqlite-conversation-store.js';
import { BENCH_CORPUS } from './corpus.js';

// `serverless-fit reprice` over a database of saved decisions: N conversations'
// latest assessments (with their facts, from the engine's corpus, made at the
// shipped catalog) read back and assessed again at a catalog whose Lambda and
// Fargate prices moved, as a new price list does. Timed in CPU of the process
// (other processes share the machine), reported per decision and scaled to a
// million, beside the bare baseline: reading the same rows and parsing their facts.

export interface RepriceFigures {
  decisions: number;
  changed: number;
  seedSeconds: number;
  /** CPU seconds for the whole re-pricing of `decisions`. */
  cpuSeconds: number;
  microsPerDecision: number;
  /** The same, for 1,000,000 decisions. */
  secondsPerMillion: number;
  /** Reading the rows and parsing each one's facts, nothing assessed: the floor under the figure. */
  readOnly: { cpuSeconds: number; microsPerDecision: number };
  ratioToReadOnly: number;
}

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** The shipped catalog with a few prices moved, as the next price list might. */
export function movedCatalog(catalog: PricingCatalog): PricingCatalog {
  const moved = structuredClone(catalog) as PricingCatalog & Record<string, unknown>;
  moved.version = `${catalog.version}.bench`;
  moved.asOf = '2099-01-01';
  scale(moved, 1.3);
  return moved;
}

/** Every number under a key that reads as a unit price gets multiplied: enough to flip some verdicts and every cost. */
function scale(value: unknown, factor: number): void {
  if (Array.isArray(value)) {
    for (const item of value) scale(item, factor);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const [key, inner] of Object.entries(record)) {
    if (typeof inner === 'number' && /usd|price|per/i.test(key) && !/free/i.test(key)) record[key] = inner * factor;
    else scale(inner, factor);
  }
}

export async function benchReprice(catalog: PricingCatalog, options: { decisions?: number } = {}): Promise<RepriceFigures> {
  const decisions = options.decisions ?? 20_000;
  const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-bench-reprice-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    const store = createSqliteConversationStore(db);
    const seedStarted = performance.now();
    const saved = BENCH_CORPUS.map((text) => {
      const facts = { ...parseWorkload(text).facts, description: text };
      return { facts, outcome: decisionOutcome(assess(facts, catalog, { chart: false })) };
    });
    const batch = 20_000;
    for (let start = 0; start < decisions; start += batch) {
      await store.transaction(async () => {
        for (let i = start; i < Math.min(decisions, start + batch); i++) {
          const { facts, outcome } = saved[i % saved.length]!;
          const workspace = `T-${i % 20}`;
          await store.recordAssessment({
            id: `a${i}`,
            conversationId: `c${i}`,
            workspace,
            platform: 'slack',
            channel: `C${i % 10}`,
            thread: `17000${i}.000100`,
            user: 'U1',
            at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
            description: facts.description ?? '',
            ...outcome,
            catalogVersion: catalog.version,
            catalogAsOf: catalog.asOf,
            reassessment: false,
            facts,
          });
        }
      });
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const next = movedCatalog(catalog);
    // Once untimed, so neither run pays for the JIT or a cold page cache.
    await repriceHistory(store.decisions(), next);

    let read = 0;
    const readStarted = cpuSeconds();
    for await (const decision of store.decisions()) read += decision.facts === null ? 0 : 1;
    const readCpu = cpuSeconds() - readStarted;

    const started = cpuSeconds();
    const report = await repriceHistory(store.decisions(), next);
    const cpu = cpuSeconds() - started;
    if (report.decisions !== decisions || read !== decisions) throw new Error(`re-priced ${report.decisions} and read ${read} of ${decisions} decisions`);
    const micros = (cpu * 1e6) / decisions;
    const readMicros = (readCpu * 1e6) / decisions;
    return {
      decisions,
      changed: report.changed,
      seedSeconds: round(seedSeconds),
      cpuSeconds: round(cpu),
      microsPerDecision: round(micros),
      secondsPerMillion: round(micros),
      readOnly: { cpuSeconds: round(readCpu), microsPerDecision: round(readMicros) },
      ratioToReadOnly: round(micros / readMicros),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
