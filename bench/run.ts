import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../src/pricing/load-catalog.js';
import { benchAssessments, benchSink } from './assessments.js';

// `npm run bench`: prints each figure and writes them all to bench/results.json.

const catalogResult = loadCatalog(DEFAULT_CATALOG_PATH);
if (!catalogResult.ok) {
  console.error(catalogResult.error);
  process.exit(2);
}

const results: Record<string, unknown> = { node: process.version, at: new Date().toISOString() };

for (const chart of [false, true]) {
  const assessments = benchAssessments(catalogResult.catalog, { chart });
  results[chart ? 'assessmentsWithChart' : 'assessments'] = assessments;
  console.log(
    `assessments${chart ? ' + chart points' : ''}: ${assessments.perSecond.toLocaleString('en-US')}/s (${assessments.microsPerAssessment.toFixed(1)} µs each; ${assessments.count.toLocaleString('en-US')} over a ${assessments.corpus}-workload corpus; checksum ${benchSink()})`,
  );
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written to ${out}`);
