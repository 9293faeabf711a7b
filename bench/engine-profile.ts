import { assess } from '../src/core/assess.js';
import { parseWorkload } from '../src/core/parse/parse-workload.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../src/pricing/load-catalog.js';
import { BENCH_CORPUS } from './corpus.js';

// A driver for a CPU profile of the engine alone: full assessments of the bench
// corpus for a few seconds, nothing else, so the profile shows only the engine.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/engine-profile.ts [seconds]

const loaded = loadCatalog(DEFAULT_CATALOG_PATH);
if (!loaded.ok) throw new Error(loaded.error);
const catalog = loaded.catalog;
const seconds = Number(process.argv[2] ?? 5);
let sink = 0;
let count = 0;
const until = performance.now() + seconds * 1000;
while (performance.now() < until) {
  for (const text of BENCH_CORPUS) sink += assess({ ...parseWorkload(text).facts, description: text }, catalog, { chart: false }).score;
  count += BENCH_CORPUS.length;
}
console.log(`${count} assessments (checksum ${sink})`);
