import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../src/pricing/load-catalog.js';
import { benchAssessments, benchSink } from './assessments.js';
import { benchDigest } from './digest.js';
import { startLeanSlackWebApi } from './lean-slack-web-api.js';
import { BENCH_SECRET, benchBareNode, benchStartup, type StartupFigures } from './serve-figures.js';
import { benchCli } from './cli-figures.js';
import { benchChart } from './chart-figures.js';
import { benchProductionInstall } from './install-figures.js';
import { startFakeDiscord } from '../test/e2e/fakes/discord-server.js';
import { benchSlackHttp, printSlackHttp } from './slack-http.js';
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
  printStartup('Slack HTTP', startup);
  const http = await benchSlackHttp(slackApi);
  results.slackHttp = http;
  printSlackHttp(http);
} finally {
  await slackApi.close();
}

const install = benchProductionInstall();
results.productionInstall = install;
console.log(
  `production install (npm ci --omit=dev, as the Docker image's deps stage): node_modules ${install.nodeModulesMb} MB, ${install.packages} packages, ${install.seconds} s, better-sqlite3 ${install.betterSqlite3}; dist/ ${install.distMb} MB`,
);

const templates = await benchTemplates();
results.templates = templates;
console.log(`template reads: ${Object.entries(templates.perFormat).map(([f, r]) => `${f} ${r.msPerRead} ms (${r.ratioToJsonParse}x JSON.parse)`).join(', ')}; first HCL parse ${templates.hclFirstParseMs} ms`);

function printStartup(name: string, s: StartupFigures): void {
  console.log(
    `serve (${name}) start to ready: ${s.startToReadyMs.median} ms median (${s.startToReadyMs.min}-${s.startToReadyMs.max} over ${s.runs} starts), ${s.ratios.startToReadyVsBareNode}x \`node -e 0\`; idle RSS ${s.idleRssMb.median} MB, ${s.ratios.idleRssVsBareNode}x an idle node`,
  );
}

const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written to ${out}`);
