import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../src/pricing/load-catalog.js';
import { benchAssessments, benchSink } from './assessments.js';
import { benchDigest } from './digest.js';
import { startLeanSlackWebApi } from './lean-slack-web-api.js';
import { benchStartup } from './serve-figures.js';
import { benchSlackHttp } from './slack-http.js';
import { benchTemplates } from './templates.js';

// `npm run bench`: prints each figure and writes them all to bench/results.json.

const catalogResult = loadCatalog(DEFAULT_CATALOG_PATH);
if (!catalogResult.ok) {
  console.error(catalogResult.error);
  process.exit(2);
}

const results: Record<string, unknown> = { node: process.version, at: new Date().toISOString() };
// Figures from a busy machine are not comparable with a quiet one's: record what it was.
results.machine = { cpus: availableParallelism(), loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 };

for (const chart of [false, true]) {
  const assessments = benchAssessments(catalogResult.catalog, { chart });
  results[chart ? 'assessmentsWithChart' : 'assessments'] = assessments;
  console.log(
    `assessments${chart ? ' + chart points' : ''}: ${assessments.perSecond.toLocaleString('en-US')}/s (${assessments.microsPerAssessment.toFixed(1)} µs each; ${assessments.count.toLocaleString('en-US')} over a ${assessments.corpus}-workload corpus; checksum ${benchSink()})`,
  );
}

const digest = benchDigest();
results.digest = digest;
console.log(
  `digest over ${digest.rows.toLocaleString('en-US')} assessments: ${digest.medianMs} ms median (first ${digest.firstMs} ms, max ${digest.maxMs} ms; ${digest.weekAssessments} in the week; seeding ${digest.seedSeconds} s)`,
);

const slackApi = await startLeanSlackWebApi();
try {
  const startup = await benchStartup(slackApi.apiUrl);
  results.serveStartup = startup;
  console.log(
    `serve start to ready: ${startup.startToReadyMs.median} ms median (${startup.startToReadyMs.min}-${startup.startToReadyMs.max} over ${startup.runs} starts); idle RSS ${startup.idleRssMb.median} MB`,
  );
  const http = await benchSlackHttp(slackApi);
  results.slackHttp = http;
  for (const run of http.runs) {
    console.log(
      `slack slash commands, ${run.connections} connections: ${run.serve.requestsPerSecond.toLocaleString('en-US')}/s, p99 ack ${run.serve.latencyMs.p99} ms ` +
        `(bare signature-check server: ${run.bare.requestsPerSecond.toLocaleString('en-US')}/s, p99 ${run.bare.latencyMs.p99} ms; ratio ${run.throughputRatio}; ` +
        `non-2xx ${run.serve.non2xx}, errors ${run.serve.errors})`,
    );
  }
  console.log(
    `slack slash commands paced at ${http.paced.offeredPerSecond}/s (half the saturated rate): p50 ack ${http.paced.latencyMs.p50} ms, p99 ${http.paced.latencyMs.p99} ms`,
  );
  console.log(`conversations saved per acknowledged command: ${http.savedPerAck}`);
} finally {
  await slackApi.close();
}

const templates = await benchTemplates();
results.templates = templates;
console.log(`template reads: ${Object.entries(templates.perFormat).map(([f, r]) => `${f} ${r.msPerRead} ms (${r.ratioToJsonParse}x JSON.parse)`).join(', ')}; first HCL parse ${templates.hclFirstParseMs} ms`);

const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written to ${out}`);
