import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import Database from 'better-sqlite3';
import { BENCH_SECRET, startBareServer, startServe, stopServe } from './serve-figures.js';

// Signed slash commands against the Slack HTTP endpoint of a running serve
// (signature check, delivery ledger, advisor, SQLite write, ack; then the
// Slack calls after the ack) under autocannon, next to a bare node:http
// server doing only the signature check, on the same machine in the same run.

// A first message that leaves questions: the usual start of a conversation
// (the result card and its chart come later in a conversation, not per command).
const TEXTS = ['resize images when they are uploaded', 'nightly report that takes a while', 'webhook receiver for our CRM', 'video transcoding for user uploads'];

export interface LoadFigures {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  /** 2xx answers received. */
  acknowledged: number;
}

export interface SlackHttpFigures {
  runs: { connections: number; bare: LoadFigures; serve: LoadFigures; throughputRatio: number }[];
  /** serve at a fixed offered rate below saturation: the ack latency a workspace actually sees. */
  paced: LoadFigures & { offeredPerSecond: number };
  /** Conversations in the database after the runs, per acknowledged command (1 = every ack became a saved conversation). */
  savedPerAck: number;
}

let triggerSeq = 0;

/** Each request is a fresh command (unique trigger_id, so the delivery ledger never drops it), freshly signed. */
function signedCommand(request: { headers?: Record<string, string> }) {
  triggerSeq += 1;
  const body = new URLSearchParams({
    token: 'x',
    team_id: 'T0000001',
    team_domain: 'bench',
    channel_id: `C${100 + (triggerSeq % 20)}`,
    channel_name: 'bench',
    user_id: `U${100 + (triggerSeq % 50)}`,
    user_name: 'bench',
    command: '/serverless-fit',
    text: TEXTS[triggerSeq % TEXTS.length] ?? '',
    api_app_id: 'A0000001',
    response_url: 'http://127.0.0.1:9/response',
    trigger_id: `${triggerSeq}.1111.bench`,
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', BENCH_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    ...request,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
  };
}

async function load(url: string, connections: number, seconds: number, overallRate?: number): Promise<LoadFigures> {
  const result: Result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: signedCommand }],
    ...(overallRate ? { overallRate } : {}),
  });
  return {
    connections,
    seconds,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    acknowledged: result['2xx'],
  };
}

/** Waits until the bot's work after the acks (its Slack calls) has drained, so runs do not overlap. */
async function settle(slackCalls: () => number): Promise<void> {
  let last = -1;
  while (slackCalls() !== last) {
    last = slackCalls();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export async function benchSlackHttp(
  slackApi: { apiUrl: string; calls: () => number },
  options: { seconds?: number; connections?: number[] } = {},
): Promise<SlackHttpFigures> {
  const apiUrl = slackApi.apiUrl;
  const seconds = options.seconds ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-http-'));
  const bare = await startBareServer();
  const { serve, dbPath } = await startServe(apiUrl, dir);
  try {
    const bareUrl = `http://127.0.0.1:${bare.port}/slack/events`;
    const serveUrl = serve.url('/slack/events');
    // Warm both up so neither is measured while the JIT is still compiling.
    await load(bareUrl, 50, 1);
    let acked = (await load(serveUrl, 50, 3)).acknowledged;
    const runs: SlackHttpFigures['runs'] = [];
    for (const connections of options.connections ?? [50, 200]) {
      const b = await load(bareUrl, connections, seconds);
      await settle(slackApi.calls);
      const s = await load(serveUrl, connections, seconds);
      acked += s.acknowledged;
      runs.push({ connections, bare: b, serve: s, throughputRatio: Math.round((s.requestsPerSecond / b.requestsPerSecond) * 100) / 100 });
    }
    // Half of the lowest saturated throughput, offered steadily: latency without a queue.
    const offered = Math.max(10, Math.round(Math.min(...runs.map((r) => r.serve.requestsPerSecond)) / 2));
    await settle(slackApi.calls);
    const pacedLoad = await load(serveUrl, 50, seconds, offered);
    acked += pacedLoad.acknowledged;
    await stopServe(serve);
    const db = new Database(dbPath, { readonly: true });
    const saved = (db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE platform = 'slack'").get() as { n: number }).n;
    db.close();
    return { runs, paced: { ...pacedLoad, offeredPerSecond: offered }, savedPerAck: Math.round((saved / Math.max(1, acked)) * 100) / 100 };
  } finally {
    if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    await bare.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
