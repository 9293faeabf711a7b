import { assess } from '../src/core/assess.js';
import type { Assessment } from '../src/core/assessment.js';
import { buildCard } from '../src/core/build-card.js';
import { parseWorkload } from '../src/core/parse/parse-workload.js';
import type { PricingCatalog } from '../src/core/pricing/catalog-schema.js';
import type { WorkloadFacts } from '../src/core/workload.js';
import { BENCH_CORPUS } from './corpus.js';

// The engine's figures: a full assessment (parse + resolve + every platform's
// itemised cost + break-even + sensitivity + rules + verdict), with and without
// the chart's points, and the card built from it; parse and assess apart, to
// say where the time goes. Each is timed in turns with a bare baseline on the
// same corpus, JSON.stringify of the assessment the engine produced, so the
// ratio holds while other processes take the CPU: the engine's work against
// the cheapest thing anyone does with its answer.

export interface EngineFigure {
  /** Median over the rounds, in CPU time of the process per workload. */
  value: number;
  unit: 'µs';
  min: number;
  max: number;
  /** The bare baseline, timed in the same rounds. */
  baseline: { what: string; value: number; unit: 'µs' };
  /** Median of the round-by-round ratios value / baseline. */
  ratio: number;
}

export interface EngineFigures {
  corpus: number;
  rounds: number;
  /** Full assessments (no chart points) a second, from the median. */
  perSecond: number;
  /** Workloads run through each task over all the rounds. */
  counts: Record<string, number>;
  figures: Record<'assessment' | 'assessmentWithChart' | 'assessmentAndCard' | 'parse' | 'assessFromFacts', EngineFigure & { what: string }>;
}

const BASELINE = 'JSON.stringify of the assessment the engine produced, per workload';
const CARD_DAY = new Date('2026-06-01T00:00:00Z');

let sink = 0;

/** @param roundMs how long each task runs in each round (the whole run is about rounds x 6 x roundMs). */
export function benchEngine(catalog: PricingCatalog, options: { rounds?: number; roundMs?: number } = {}): EngineFigures {
  const rounds = options.rounds ?? 9;
  const roundMs = options.roundMs ?? 150;
  const facts: WorkloadFacts[] = BENCH_CORPUS.map((text) => ({ ...parseWorkload(text).facts, description: text }));
  const answers: Assessment[] = facts.map((f) => assess(f, catalog, { chart: false }));
  const tasks = {
    baseline: (i: number) => {
      sink += JSON.stringify(answers[i]).length;
    },
    assessment: (i: number) => {
      const text = BENCH_CORPUS[i]!;
      sink += assess({ ...parseWorkload(text).facts, description: text }, catalog, { chart: false }).score;
    },
    assessmentWithChart: (i: number) => {
      const text = BENCH_CORPUS[i]!;
      sink += assess({ ...parseWorkload(text).facts, description: text }, catalog, { chart: true }).score;
    },
    assessmentAndCard: (i: number) => {
      const text = BENCH_CORPUS[i]!;
      sink += buildCard(assess({ ...parseWorkload(text).facts, description: text }, catalog, { chart: true }), null, CARD_DAY).fields.length;
    },
    parse: (i: number) => {
      sink += parseWorkload(BENCH_CORPUS[i]!).heard.length;
    },
    assessFromFacts: (i: number) => {
      sink += assess(facts[i]!, catalog, { chart: false }).score;
    },
  };
  type Task = keyof typeof tasks;
  const names = Object.keys(tasks) as Task[];
  // Warm up for a second so the JIT has compiled the hot paths, as in a bot that has been serving a while.
  const warmUntil = performance.now() + 1000;
  while (performance.now() < warmUntil) for (const name of names) microsEach(tasks[name], 5);
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Task, number[]>;
  const ratios = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Task, number[]>;
  const counts = Object.fromEntries(names.map((n) => [n, 0])) as Record<Task, number>;
  // CPU time of this process, not wall time: on a shared machine the wall clock
  // also counts the time other processes held the core.
  const timeFor = (name: Task): number => {
    const task = tasks[name];
    const started = performance.now();
    const cpu = process.cpuUsage();
    let passes = 0;
    do {
      for (let i = 0; i < BENCH_CORPUS.length; i++) task(i);
      passes++;
    } while (performance.now() - started < roundMs);
    const used = process.cpuUsage(cpu);
    counts[name] += passes * BENCH_CORPUS.length;
    return (used.user + used.system) / (passes * BENCH_CORPUS.length);
  };
  for (let r = 0; r < rounds; r++) {
    const baseline = timeFor('baseline');
    samples.baseline.push(baseline);
    for (const name of names) {
      if (name === 'baseline') continue;
      const us = timeFor(name);
      samples[name].push(us);
      ratios[name].push(us / baseline);
    }
  }
  const baseline = { what: BASELINE, value: round2(median(samples.baseline)), unit: 'µs' as const };
  const figure = (name: Exclude<Task, 'baseline'>, what: string) => ({
    what,
    value: round2(median(samples[name])),
    unit: 'µs' as const,
    min: round2(Math.min(...samples[name])),
    max: round2(Math.max(...samples[name])),
    baseline,
    ratio: round2(median(ratios[name])),
  });
  return {
    corpus: BENCH_CORPUS.length,
    rounds,
    perSecond: Math.round(1e6 / median(samples.assessment)),
    counts,
    figures: {
      assessment: figure('assessment', 'parse + assess, no chart points: one full assessment'),
      assessmentWithChart: figure('assessmentWithChart', 'parse + assess with the 40-point chart series'),
      assessmentAndCard: figure('assessmentAndCard', 'parse + assess with chart points + the card'),
      parse: figure('parse', 'parseWorkload alone'),
      assessFromFacts: figure('assessFromFacts', 'assess alone, from parsed facts, no chart points'),
    },
  };
}

function microsEach(task: (i: number) => void, passes: number): void {
  for (let p = 0; p < passes; p++) for (let i = 0; i < BENCH_CORPUS.length; i++) task(i);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Keeps the results live so the JIT cannot drop the work. */
export function benchSink(): number {
  return sink;
}
