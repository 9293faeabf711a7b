import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG_PATH } from '../src/pricing/load-catalog.js';
import { BENCH_CORPUS } from './corpus.js';

// The engine against an earlier commit's, side by side in one process: full
// assessments (parse + assess, no chart points) and parses of the bench corpus,
// timed in alternating turns so both sides see the same machine load. On a
// machine others share, the ratio holds where absolute figures do not.
//   npx tsx bench/engine-compare.ts <git-ref> [rounds]
// `<git-ref>` against itself measures the method's own bias (expect 1.00x).

interface Engine {
  assess(facts: object, catalog: object, options: { chart: boolean }): { score: number };
  parseWorkload(text: string): { facts: object; heard: unknown[] };
  catalog: object;
}

const ref = process.argv[2];
if (!ref) {
  console.error('usage: npx tsx bench/engine-compare.ts <git-ref> [rounds]');
  process.exit(2);
}
const rounds = Number(process.argv[3] ?? 15);
const root = join(import.meta.dirname, '..');
const raw: unknown = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'));

async function engineAt(src: string): Promise<Engine> {
  const { assess } = (await import(join(src, 'core', 'assess.ts'))) as Pick<Engine, 'assess'>;
  const { parseWorkload } = (await import(join(src, 'core', 'parse', 'parse-workload.ts'))) as Pick<Engine, 'parseWorkload'>;
  const { parseCatalog } = (await import(join(src, 'core', 'pricing', 'catalog-schema.ts'))) as { parseCatalog(json: unknown): { ok: boolean; catalog?: object; error?: string } };
  const parsed = parseCatalog(structuredClone(raw));
  if (!parsed.ok || !parsed.catalog) throw new Error(`${src}: ${parsed.error ?? 'the catalog does not parse'}`);
  return { assess, parseWorkload, catalog: parsed.catalog };
}

// The earlier engine is its commit's src/, beside node_modules so it resolves the same packages, and with its
// package.json and tsconfig.json: without them tsx would load it as CommonJS, a slower shape of the same code.
const earlierRoot = mkdtempSync(join(tmpdir(), 'engine-compare-'));
try {
  execFileSync('sh', ['-c', `git -C "${root}" archive "${ref}" src package.json tsconfig.json | tar -x -C "${earlierRoot}"`]);
  symlinkSync(join(root, 'node_modules'), join(earlierRoot, 'node_modules'));
  const earlier = await engineAt(join(earlierRoot, 'src'));
  const current = await engineAt(join(root, 'src'));
  report(earlier, current);
} finally {
  rmSync(earlierRoot, { recursive: true, force: true });
}

function report(earlier: Engine, current: Engine): void {
  let sink = 0;
  const full = (e: Engine) => (text: string) => {
    sink += e.assess({ ...e.parseWorkload(text).facts, description: text }, e.catalog, { chart: false }).score;
  };
  const parse = (e: Engine) => (text: string) => {
    sink += e.parseWorkload(text).heard.length;
  };
  const tasks = { earlierFull: full(earlier), currentFull: full(current), earlierParse: parse(earlier), currentParse: parse(current) };
  type Task = keyof typeof tasks;
  const names = Object.keys(tasks) as Task[];
  for (const name of names) cpuMicros(tasks[name], 1000);
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Task, number[]>;
  const fullRatios: number[] = [];
  const parseRatios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Each round times every side twice, mirrored (A B B A), so drift in the machine's load within a round and the
    // garbage one side leaves for the next cancel out; which pair goes first alternates too.
    const pairs: [Task, Task][] = r % 2 ? [['earlierParse', 'currentParse'], ['earlierFull', 'currentFull']] : [['earlierFull', 'currentFull'], ['earlierParse', 'currentParse']];
    for (const [earlierTask, currentTask] of pairs) {
      const order = r % 4 < 2 ? [earlierTask, currentTask, currentTask, earlierTask] : [currentTask, earlierTask, earlierTask, currentTask];
      const us = { [earlierTask]: 0, [currentTask]: 0 } as Record<Task, number>;
      for (const name of order) us[name] += cpuMicros(tasks[name], 100);
      samples[earlierTask].push(us[earlierTask] / 2);
      samples[currentTask].push(us[currentTask] / 2);
      (earlierTask === 'earlierFull' ? fullRatios : parseRatios).push(us[earlierTask] / us[currentTask]);
    }
  }
  const m = (name: Task) => median(samples[name]).toFixed(2);
  console.log(`engine vs ${ref}, ${BENCH_CORPUS.length}-workload corpus, ${rounds} rounds in alternating turns (checksum ${sink})`);
  console.log(`  full assessment: ${m('earlierFull')} µs -> ${m('currentFull')} µs, ${median(fullRatios).toFixed(2)}x faster (median of round ratios; ${Math.min(...fullRatios).toFixed(2)}-${Math.max(...fullRatios).toFixed(2)})`);
  console.log(`  parse:           ${m('earlierParse')} µs -> ${m('currentParse')} µs, ${median(parseRatios).toFixed(2)}x faster (${Math.min(...parseRatios).toFixed(2)}-${Math.max(...parseRatios).toFixed(2)})`);
}

/** CPU time of this process per workload, over whole passes of the corpus lasting at least `ms`. */
function cpuMicros(task: (text: string) => void, ms: number): number {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let passes = 0;
  do {
    for (const text of BENCH_CORPUS) task(text);
    passes++;
  } while (performance.now() - started < ms);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / (passes * BENCH_CORPUS.length);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
