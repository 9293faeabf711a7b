import { loadCatalog } from '../src/pricing/load-catalog.js';
import { benchEngine, benchSink } from './assessments.js';

// The engine benchmark in a process of its own, run from a bundle that
// bench/engine-bundled.ts makes the way the shipped dist/ is made. Prints the
// figures as one JSON line; the catalog's path comes as the only argument.

const loaded = loadCatalog(process.argv[2]!);
if (!loaded.ok) {
  process.stderr.write(`${loaded.error}\n`);
  process.exit(2);
}
const figures = benchEngine(loaded.catalog);
process.stdout.write(`${JSON.stringify({ ...figures, checksum: benchSink() })}\n`);
