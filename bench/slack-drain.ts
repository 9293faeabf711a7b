import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawnServe } from '../test/e2e/fakes/serve-process.js';
import { drainBacklogRequests } from './drain-backlog-request.js';
import { startLeanSlackWebApi } from './lean-slack-web-api.js';
import { BENCH_SECRET, stopServe } from './serve-figures.js';

// A fixed batch of signed slash commands (3,000 over 50 connections) against
// the serve of a built checkout, timed until every one is fully processed:
// how fast the acknowledgements came back and how fast the work was done.
// `npx tsx bench/slack-drain.ts [checkout ...]` compares checkouts (each with
// its own dist/, e.g. an exported older commit) in one run; default: this one.

const TOTAL = 3000;
const CONNECTIONS = 50;

async function drain(checkout: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-drain-'));
  const dbPath = join(dir, 'drain.db');
  const api = await startLeanSlackWebApi();
  const serve = await spawnServe({
    cwd: checkout,
    command: [process.execPath, join(checkout, 'bin/serverless-fit.js')],
    env: { NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: BENCH_SECRET, SLACK_API_URL: api.apiUrl, PORT: '0', SERVERLESS_FIT_DB: dbPath },
  });
  try {
    const started = performance.now();
    const result = await autocannon({
      url: serve.url('/slack/events'),
      connections: CONNECTIONS,
      amount: TOTAL,
      requests: drainBacklogRequests(),
    });
    const acked = performance.now();
    const db = new Database(dbPath, { readonly: true });
    const done = () => (db.prepare('SELECT count(*) AS n FROM deliveries WHERE done_at IS NOT NULL').get() as { n: number }).n;
    while (done() < result['2xx']) await new Promise((wait) => setTimeout(wait, 100));
    const finished = performance.now();
    db.close();
    console.log(
      `${checkout}: ${result['2xx']} of ${TOTAL} commands acknowledged in ${Math.round(acked - started)} ms (p99 ack ${result.latency.p99} ms), ` +
        `all processed after ${Math.round(finished - started)} ms: ${Math.round(result['2xx'] / ((finished - started) / 1000))} commands fully processed per second`,
    );
  } finally {
    await stopServe(serve);
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const checkouts = process.argv.slice(2);
for (const checkout of checkouts.length ? checkouts : ['.']) await drain(resolve(checkout));
