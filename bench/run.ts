import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../src/pricing/load-catalog.js';
import { benchEngineBundled, type BundledEngineFigures } from './engine-bundled.js';
import { benchDigest } from './digest.js';
import { startLeanSlackWebApi } from './lean-slack-web-api.js';
import { BENCH_SECRET, benchBareNode, benchStartup, type StartupFigures } from './serve-figures.js';
import { benchCli } from './cli-figures.js';
import { benchChart } from './chart-figures.js';
import { benchProductionInstall } from './install-figures.js';
import { startFakeDiscord } from '../test/e2e/fakes/discord-server.js';
import { benchSlackHttp, printSlackHttp } from './slack-http.js';
import { benchTemplates } from './templates.js';
import { benchReprice } from './reprice.js';
import { benchCardLatency } from './card-latency.js';
import { figuresTable, printFiguresTable, type TableInputs } from './figures-table.js';

// `npm run bench`: prints each figure and writes them all to bench/results.json.
// `npm run bench -- --engine-only` measures only the engine (about 15 s) and updates its figures there.

const catalogResult = loadCatalog(DEFAULT_CATALOG_PATH);
if (!catalogResult.ok) {
  console.error(catalogResult.error);
  process.exit(2);
}

const results: Record<string, unknown> = { node: process.version, at: new Date().toISOString() };
// Figures from a busy machine are not comparable with a quiet one's: record what it was, at the start and the end.
results.machine = { cpus: availableParallelism(), loadAverage: loadNow() };
const table: TableInputs = {};

// Timed as shipped: the bundle dist/ is made from, in a process of its own.
const engine = await benchEngineBundled(DEFAULT_CATALOG_PATH);
// Its own run's facts beside it: with --engine-only it sits among figures from an earlier run.
results.engine = { node: results.node, at: results.at, machine: results.machine, ...engine };
table.engine = engine;
// The figures as earlier runs wrote them, from the same measurement.
for (const key of ['assessment', 'assessmentWithChart'] as const) {
  const f = engine.figures[key];
  results[key === 'assessment' ? 'assessments' : 'assessmentsWithChart'] = { perSecond: Math.round(1e6 / f.value), count: engine.counts[key], corpus: engine.corpus, microsPerAssessment: f.value };
}
printEngine(engine);
if (process.argv.includes('--engine-only')) finish();

const reprice = await benchReprice(catalogResult.catalog);
results.reprice = reprice;
table.reprice = reprice;
console.log(
  `reprice ${reprice.decisions.toLocaleString('en-US')} saved decisions (${reprice.changed.toLocaleString('en-US')} change at the moved catalog): ` +
    `compiled, ${reprice.threads} threads ${reprice.compiled.threads.wallMicros} µs of wall each = ${reprice.wallSecondsPerMillion} s per 1,000,000, ${reprice.compiled.threads.cpuMicros} µs of CPU ` +
    `(one thread ${reprice.compiled.oneThread.wallMicros} µs of wall, ${reprice.compiled.oneThread.cpuMicros} µs of CPU: ${reprice.compiled.speedup}x; on an empty database ${reprice.compiled.empty.wallMs} ms); ` +
    `in process on one thread ${reprice.microsPerDecision} µs of CPU each (before the lean read ${reprice.before.microsPerDecision} µs), of which the engine call ${reprice.engine.microsPerDecision} µs (${Math.round(reprice.engine.share * 100)}%); ` +
    `reading them alone ${reprice.readOnly.microsPerDecision} µs (${reprice.ratioToReadOnly}x), bare driver read + JSON.parse ${reprice.bare.microsPerDecision} µs (${reprice.ratioToBare}x)`,
);

const digest = await benchDigest();
results.digest = digest;
console.log(
  `digest over ${digest.rows.toLocaleString('en-US')} assessments: ${digest.medianMs} ms median (first ${digest.firstMs} ms, max ${digest.maxMs} ms; ${digest.weekAssessments} in the week; seeding ${digest.seedSeconds} s)`,
);

const bare = await benchBareNode();
results.bareNode = bare;
console.log(`bare node: \`node -e 0\` ${bare.wallMs.median} ms median; an idle node process ${bare.idleRssMb.median} MB RSS`);

const cli = await benchCli();
results.cliAssess = cli;
table.cli = cli;
console.log(`${cli.command}: ${cli.wallMs.median} ms median (${cli.wallMs.min}-${cli.wallMs.max}); ${cli.ratio}x \`node -e 0\` (${cli.bareNodeWallMs.median} ms) in the same runs`);

const chart = await benchChart(catalogResult.catalog);
results.chartPng = chart;
console.log(`cost chart PNG (a worker thread each): first ${chart.firstMs} ms, then ${chart.nextMs.median} ms median; ${chart.pngKb} KB; RSS of the process +${chart.rssGrowthMb} MB after ${chart.renders} charts`);

const fakeDiscord = await startFakeDiscord();
try {
  const discord = await benchStartup('discord', () => ({ DISCORD_TOKEN: fakeDiscord.token, DISCORD_API_URL: fakeDiscord.apiUrl }), bare);
  results.serveStartupDiscord = discord;
  printStartup('Discord only', discord);
} finally {
  await fakeDiscord.close();
}

const slackApi = await startLeanSlackWebApi();
try {
  const startup = await benchStartup('slack-http', () => ({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: BENCH_SECRET, SLACK_API_URL: slackApi.apiUrl }), bare);
  results.serveStartup = startup;
  table.startup = startup;
  printStartup('Slack HTTP', startup);
  const http = await benchSlackHttp(slackApi);
  results.slackHttp = http;
  table.slackHttp = http;
  printSlackHttp(http);
} finally {
  await slackApi.close();
}

const card = await benchCardLatency();
results.cardLatency = card;
table.card = card;
console.log(`last answer to card posted, ${card.conversations} conversations at once (${card.samples} cards): p50 ${card.latencyMs.p50} ms, p99 ${card.latencyMs.p99} ms, max ${card.latencyMs.max} ms`);

const install = benchProductionInstall();
results.productionInstall = install;
table.install = install;
console.log(
  `production install (npm ci --omit=dev, as the Docker image's deps stage): node_modules ${install.nodeModulesMb} MB, ${install.packages} packages, ${install.seconds} s, better-sqlite3 ${install.betterSqlite3}; dist/ ${install.distMb} MB`,
);

const templates = await benchTemplates();
results.templates = templates;
console.log(`template reads: ${Object.entries(templates.perFormat).map(([f, r]) => `${f} ${r.msPerRead} ms (${r.ratioToJsonParse}x JSON.parse)`).join(', ')}; first HCL parse ${templates.hclFirstParseMs} ms`);

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
function loadNow(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

function printStartup(name: string, s: StartupFigures): void {
  console.log(
    `serve (${name}) start to ready: ${s.startToReadyMs.median} ms median (${s.startToReadyMs.min}-${s.startToReadyMs.max} over ${s.runs} starts), ${s.ratios.startToReadyVsBareNode}x \`node -e 0\`; idle RSS ${s.idleRssMb.median} MB, ${s.ratios.idleRssVsBareNode}x an idle node`,
  );
}

finish();

function printEngine(e: BundledEngineFigures): void {
  console.log(`assessments: ${e.perSecond.toLocaleString('en-US')}/s over a ${e.corpus}-workload corpus, ${e.rounds} rounds in turns with the baseline (checksum ${e.checksum}; ${e.build})`);
  for (const f of Object.values(e.figures)) {
    console.log(`  ${f.what}: ${f.value} µs median (${f.min}-${f.max}), ${f.ratio}x the baseline (${f.baseline.value} µs)`);
  }
  console.log(`  baseline: ${e.figures.assessment.baseline.what}`);
}

/** Writes what was measured; with --engine-only, the engine figures replace theirs in an earlier run's file. */
function finish(): never {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
  mkdirSync(dirname(out), { recursive: true });
  const earlier = process.argv.includes('--engine-only') && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  (results.machine as Record<string, unknown>).loadAverageAtEnd = loadNow();
  if (!process.argv.includes('--engine-only')) {
    results.table = figuresTable(table);
    printFiguresTable(results.table as ReturnType<typeof figuresTable>);
  }
  writeFileSync(out, `${JSON.stringify({ ...earlier, ...results }, null, 2)}\n`);
  console.log(`written to ${out}`);
  process.exit(0);
}
