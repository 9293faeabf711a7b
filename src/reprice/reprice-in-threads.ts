import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SavedDecision } from '../core/conversation.js';
import type { PricingCatalog } from '../core/pricing/catalog-schema.js';
import { createRepriceTally, repriceSaved, type RepriceReport, type SavedOutcome } from '../core/reprice/reprice-history.js';
import { unpackOutcome, type PackedOutcomes } from './packed-outcomes.js';

// Re-pricing a long history is one assessment per decision and nothing shared
// between them, so it spreads over the machine's cores: this thread reads the
// pages and hands them round worker threads, which parse each decision's facts
// and assess them; the outcomes come back and are counted here in the order
// read, by the same tally as on one thread, so the report is the same. A short
// history stays on this thread (a worker takes longer to start than a few
// thousand decisions take to re-price), and so does every history where no
// worker script can be found beside this module.

export interface RepriceThreadOptions {
  /** Worker threads to start at most; below 2, everything runs on this thread. */
  threads: number;
  /** Decisions re-priced on this thread before any worker starts; the default suits a page of 500. */
  inlineUpTo?: number;
}

export interface RepriceRun {
  report: RepriceReport;
  /** Worker threads that took part (0: all on this thread). */
  workers: number;
}

/** What a worker is sent: one page of decisions, numbered. */
export interface WorkerPage {
  seq: number;
  decisions: SavedOutcome[];
}

/** What a worker sends back: that page's outcomes, in its order. */
export interface WorkerOutcomes {
  seq: number;
  outcomes: PackedOutcomes;
}

/** Decisions this thread re-prices by itself before starting workers. */
export const INLINE_UP_TO = 2_000;

export async function repriceInThreads(pages: AsyncIterable<SavedDecision[]>, catalog: PricingCatalog, options: RepriceThreadOptions): Promise<RepriceRun> {
  const tally = createRepriceTally(catalog);
  const inline = (page: SavedDecision[]) => {
    for (const saved of page) tally.add(saved, repriceSaved(saved, catalog));
  };
  const reader = pages[Symbol.asyncIterator]();
  const script = options.threads >= 2 ? workerScript() : null;
  const inlineUpTo = script ? (options.inlineUpTo ?? INLINE_UP_TO) : Number.POSITIVE_INFINITY;
  const early: SavedDecision[][] = [];
  let read = 0;
  for (;;) {
    const next = await reader.next();
    if (next.done) {
      for (const page of early) inline(page);
      return { report: tally.report, workers: 0 };
    }
    early.push(next.value);
    read += next.value.length;
    if (read > inlineUpTo) break;
    // Past the threshold nothing waits here: everything read so far goes to the workers.
    if (early.length > 1 && inlineUpTo === Number.POSITIVE_INFINITY) inline(early.shift()!);
  }

  const pool = startPool(script!, catalog, options.threads);
  try {
    // Two pages in flight per worker: one being assessed, one waiting, so no worker idles while this thread reads.
    const inFlight: { page: SavedDecision[]; outcomes: Promise<PackedOutcomes> }[] = [];
    const submit = (page: SavedDecision[]) => {
      inFlight.push({ page, outcomes: pool.assess(page) });
    };
    const settleOldest = async () => {
      const { page, outcomes } = inFlight.shift()!;
      const results = await outcomes;
      for (let i = 0; i < page.length; i++) tally.add(page[i]!, unpackOutcome(results, i));
    };
    for (const page of early) submit(page);
    for (;;) {
      while (inFlight.length >= 2 * pool.size) await settleOldest();
      const next = await reader.next();
      if (next.done) break;
      submit(next.value);
    }
    while (inFlight.length > 0) await settleOldest();
    return { report: tally.report, workers: pool.size };
  } finally {
    await pool.close();
  }
}

interface WorkerScript {
  url: string;
  /** Under the TypeScript sources (tests, benchmarks): the module that teaches the worker TypeScript. */
  typescriptLoader: string | null;
}

/**
 * The worker's module beside this one: reprice-worker.js in the compiled
 * bundle (an entry point of its own in dist/), reprice-worker.ts under the
 * sources, where the worker first registers tsx, as the test runner's
 * process does. Null when it is missing (a bundle built without it).
 */
function workerScript(): WorkerScript | null {
  const fromSources = import.meta.url.endsWith('.ts');
  const url = new URL(fromSources ? './reprice-worker.ts' : './reprice-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) return null;
  if (!fromSources) return { url: url.href, typescriptLoader: null };
  try {
    // The ES module build of tsx's API: its CommonJS build cannot register from a worker started with eval.
    const api = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
    return { url: url.href, typescriptLoader: pathToFileURL(api).href };
  } catch {
    return null;
  }
}

// Plain JavaScript run as each worker, so it starts the same way from dist/ and from the sources.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const ready = workerData.typescriptLoader ? import(workerData.typescriptLoader).then((tsx) => tsx.register()) : Promise.resolve();
ready.then(() => import(workerData.url));
`;

function startPool(script: WorkerScript, catalog: PricingCatalog, threads: number) {
  let seq = 0;
  const waiting = new Map<number, { resolve: (outcomes: PackedOutcomes) => void; reject: (error: Error) => void }>();
  const owner = new Map<number, Worker>();
  const load = new Map<Worker, number>();
  const fail = (worker: Worker, error: Error) => {
    for (const [id, pending] of waiting) {
      if (owner.get(id) !== worker) continue;
      waiting.delete(id);
      pending.reject(error);
    }
  };
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...script, catalog } });
    load.set(worker, 0);
    worker.on('message', ({ seq: id, outcomes }: WorkerOutcomes) => {
      load.set(worker, load.get(worker)! - 1);
      owner.delete(id);
      const pending = waiting.get(id);
      waiting.delete(id);
      pending?.resolve(outcomes);
    });
    worker.on('error', (error) => fail(worker, new Error(`a re-pricing thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(worker, new Error(`a re-pricing thread stopped (exit code ${code}) before it finished`)));
    return worker;
  });
  return {
    size: workers.length,
    assess(page: SavedDecision[]): Promise<PackedOutcomes> {
      const id = seq++;
      // The least busy worker: pages cost about the same, so this keeps them all busy.
      const worker = workers.reduce((best, w) => (load.get(w)! < load.get(best)! ? w : best));
      load.set(worker, load.get(worker)! + 1);
      owner.set(id, worker);
      const outcomes = new Promise<PackedOutcomes>((resolve, reject) => waiting.set(id, { resolve, reject }));
      // Awaited in order later; marked handled now so a failure while earlier pages settle is not reported twice.
      outcomes.catch(() => undefined);
      const decisions: SavedOutcome[] = page.map((d) => ({ facts: d.facts, verdict: d.verdict, recommended: d.recommended, recommendedMonthlyUsd: d.recommendedMonthlyUsd }));
      worker.postMessage({ seq: id, decisions } satisfies WorkerPage);
      return outcomes;
    },
    async close(): Promise<void> {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
