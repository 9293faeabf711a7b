import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLeanSlackWebApi } from './lean-slack-web-api.js';
import { benchSlackHttp, printSlackHttp } from './slack-http.js';

// `npm run bench:slack`: only the Slack endpoint figures (a minute, not the
// whole bench), merged into bench/results.json beside the others.

const slackApi = await startLeanSlackWebApi();
try {
  const machine = { cpus: availableParallelism(), loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) };
  const http = await benchSlackHttp(slackApi);
  printSlackHttp(http);
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
  let results: Record<string, unknown> = {};
  try {
    results = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
  } catch {
    // No earlier run: this one starts the file.
  }
  results.slackHttp = { ...http, node: process.version, at: new Date().toISOString(), machine };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${out}`);
} finally {
  await slackApi.close();
}
