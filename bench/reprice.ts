import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assess } from '../src/core/assess.js';
import { decisionOutcome } from '../src/core/assessment-record.js';
import { parseWorkload } from '../src/core/parse/parse-workload.js';
import type { PricingCatalog } from '../src/core/pricing/catalog-schema.js';
import { repriceHistory, repriceSavedPages } from '../src/core/reprice/reprice-history.js';
import type { WorkloadFacts } from '../src/core/workload.js';
import { openDatabase } from '../src/store/open-database.js';
import { createSqliteConversationStore } from '../src/store/sqlite-conversation-store.js';
import { BENCH_CORPUS } from './corpus.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'serverless-fit.js');

// `serverless-fit reprice` over a database of saved decisions: N conversations'
// latest assessments (with their facts, from the engine's corpus, made at the
// shipped catalog) read back and assessed again at a catalog whose prices
// moved, as a new price list does. In this process, timed in CPU (other
// processes share the machine): the bare baseline (the driver reading every
// facts column and parsing it), the lean read alone, the path before the lean
// read, the engine call alone, and the whole re-pricing on one thread. Then
// the compiled command as a person runs it, timed in wall on one thread and
// over one worker per core, less its own start on an empty database.

export interface RepriceFigures {
  decisions: number;
  changed: number;
  seedSeconds: number;
  /** Worker threads the spread runs used (one per core). */
  threads: number;
  /** CPU seconds for the whole re-pricing of `decisions` on one thread, in this process. */
  cpuSeconds: number;
  microsPerDecision: number;
  /** The same, for 1,000,000 decisions (seconds of CPU). */
  secondsPerMillion: number;
  /** `serverless-fit reprice` from dist/ over worker threads, less the same command on an empty database: seconds of wall per 1,000,000. */
  wallSecondsPerMillion: number;
  /**
   * The compiled command per decision (less its run on an empty database, given as `empty`), on one thread and over
   * `threads` workers: wall, and CPU of every thread (on a busy machine the wall is the load's; the CPU is the work's).
   */
  compiled: {
    empty: { wallMs: number; cpuMs: number };
    oneThread: { wallMicros: number; cpuMicros: number };
    threads: { wallMicros: number; cpuMicros: number };
    /** One thread's wall over the threads' wall. */
    speedup: number;
  };
  /** The path before the lean read, in this run: full records read (facts parsed by the store), then assessed. */
  before: { microsPerDecision: number };
  /** Reading the decisions as re-pricing reads them (savedDecisions), nothing parsed or assessed. */
  readOnly: { cpuSeconds: number; microsPerDecision: number };
  /** Bare baseline: the driver reading every facts column with no order or paging, and JSON.parse of each. */
  bare: { microsPerDecision: number };
  /** The engine call alone (assess without the chart) over the same facts, and its share of the one-thread CPU. */
  engine: { microsPerDecision: number; share: number };
  ratioToReadOnly: number;
  ratioToBare: number;
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
  const file = join(dir, 'bench.db');
  const db = openDatabase(file);
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
    // Once untimed, so no figure pays for the JIT or a cold page cache.
    const warm = await repriceSavedPages(store.savedDecisions(), next);
    const perDecision = (seconds: number) => (seconds * 1e6) / decisions;

    const bareStatement = db.prepare<[], [string | null]>('SELECT facts FROM assessments').raw();
    const bareStarted = cpuSeconds();
    let bareRead = 0;
    for (const [facts] of bareStatement.iterate()) bareRead += facts === null ? 0 : JSON.parse(facts) === null ? 0 : 1;
    const bareCpu = cpuSeconds() - bareStarted;

    let read = 0;
    const readStarted = cpuSeconds();
    for await (const page of store.savedDecisions()) read += page.length;
    const readCpu = cpuSeconds() - readStarted;

    // Measured before the comparisons below, which leave garbage behind that a later run would pay to collect.
    const started = cpuSeconds();
    const report = await repriceSavedPages(store.savedDecisions(), next);
    const cpu = cpuSeconds() - started;

    const beforeStarted = cpuSeconds();
    const beforeChanged = (await repriceHistory(store.decisions(), next)).changed;
    const beforeCpu = cpuSeconds() - beforeStarted;

    const factsList = bareStatement.all().map(([facts]) => JSON.parse(facts!) as WorkloadFacts);
    const engineStarted = cpuSeconds();
    for (const facts of factsList) assess(facts, next, { chart: false });
    const engineCpu = cpuSeconds() - engineStarted;

    if (report.decisions !== decisions || read !== decisions || bareRead !== decisions) throw new Error(`re-priced ${report.decisions}, read ${read} and ${bareRead} of ${decisions} decisions`);
    if (JSON.stringify(report) !== JSON.stringify(warm) || beforeChanged !== report.changed) throw new Error('the runs disagree about what changed');

    const catalogFile = join(dir, 'moved.json');
    writeFileSync(catalogFile, JSON.stringify(next));
    const emptyFile = join(dir, 'empty.db');
    openDatabase(emptyFile).close();
    const threads = availableParallelism();
    const emptyMs = compiledReprice(emptyFile, catalogFile, threads);
    const oneThreadMs = compiledReprice(file, catalogFile, 1);
    const threadsMs = compiledReprice(file, catalogFile, threads);
    const wallMicros = (ms: number) => ((ms - emptyMs.wallMs) * 1e3) / decisions;
    const cpuMicros = (ms: number) => ((ms - emptyMs.cpuMs) * 1e3) / decisions;
    const micros = perDecision(cpu);
    return {
      decisions,
      changed: report.changed,
      seedSeconds: round(seedSeconds),
      threads,
      cpuSeconds: round(cpu),
      microsPerDecision: round(micros),
      secondsPerMillion: round(micros),
      wallSecondsPerMillion: round(wallMicros(threadsMs.wallMs)),
      compiled: {
        empty: { wallMs: round(emptyMs.wallMs), cpuMs: round(emptyMs.cpuMs) },
        oneThread: { wallMicros: round(wallMicros(oneThreadMs.wallMs)), cpuMicros: round(cpuMicros(oneThreadMs.cpuMs)) },
        threads: { wallMicros: round(wallMicros(threadsMs.wallMs)), cpuMicros: round(cpuMicros(threadsMs.cpuMs)) },
        speedup: round(wallMicros(oneThreadMs.wallMs) / wallMicros(threadsMs.wallMs)),
      },
      before: { microsPerDecision: round(perDecision(beforeCpu)) },
      readOnly: { cpuSeconds: round(readCpu), microsPerDecision: round(perDecision(readCpu)) },
      bare: { microsPerDecision: round(perDecision(bareCpu)) },
      engine: { microsPerDecision: round(perDecision(engineCpu)), share: round(engineCpu / cpu) },
      ratioToReadOnly: round(cpu / readCpu),
      ratioToBare: round(cpu / bareCpu),
    };
  } finally {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median wall and CPU milliseconds (every thread's) of `serverless-fit reprice` from dist/ over three runs, output discarded. */
function compiledReprice(database: string, catalogFile: string, threads: number): { wallMs: number; cpuMs: number } {
  const runs = [0, 1, 2].map(() => {
    const started = performance.now();
    // bash's `times` prints the CPU its children used (user, then system): the command's, workers included.
    const result = spawnSync('bash', ['-c', '"$@" >/dev/null && times', 'bash', process.execPath, BIN, 'reprice', '--catalog', catalogFile, '--threads', String(threads)], {
      env: { PATH: process.env.PATH, SERVERLESS_FIT_DB: database, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    const wallMs = performance.now() - started;
    if (result.status !== 0) throw new Error(`serverless-fit reprice exited ${result.status}: ${result.stderr}`);
    const children = result.stdout.trim().split('\n').at(-1)!.split(' ').map((t) => {
      const [, minutes, seconds] = /^(\d+)m([\d.]+)s$/.exec(t) ?? [];
      return (Number(minutes) * 60 + Number(seconds)) * 1000;
    });
    return { wallMs, cpuMs: children[0]! + children[1]! };
  });
  const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
