import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import Database from 'better-sqlite3';
import { BENCH_SECRET, startBareServer, startServe, stopServe } from './serve-figures.js';

// Signed slash commands against the Slack HTTP endpoint of a running serve
// (signature check, one SQLite insert into the inbox, ack; the workers then
// run the advisor and the Slack calls) under autocannon, next to a bare
// node:http server doing only the signature check, on the same machine in the
// same run. After each run the inbox is watched until it is empty: the
// backlog left when the load stopped, and how fast commands were fully processed.

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

export interface DrainFigures {
  /** Commands still waiting in the inbox when the load stopped: > 0 means processing was saturated during the run. */
  backlogAtEnd: number;
  /** From the end of the load until the inbox was empty. */
  secondsToDrain: number;
  /** Commands acknowledged in the run / seconds from the start of the load until every one was fully processed. */
  processedPerSecond: number;
}

export interface SlackHttpFigures {
  runs: {
    connections: number;
    bare: LoadFigures;
    serve: LoadFigures;
    throughputRatio: number;
    /** serve's p99 ack latency / the bare server's, in the same run. */
    ackP99Ratio: number;
    drain: DrainFigures;
  }[];
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

/** Watches the inbox of the database at `dbPath` until nothing is waiting. */
function inboxWatcher(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  const waiting = db.prepare('SELECT count(*) AS n FROM deliveries WHERE payload IS NOT NULL AND done_at IS NULL');
  const count = () => (waiting.get() as { n: number }).n;
  return {
    count,
    async drained(): Promise<void> {
      while (count() > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    close: () => db.close(),
  };
}

async function loadThenDrain(url: string, inbox: ReturnType<typeof inboxWatcher>, connections: number, seconds: number): Promise<{ figures: LoadFigures; drain: DrainFigures }> {
  const started = performance.now();
  const figures = await load(url, connections, seconds);
  const ended = performance.now();
  const backlogAtEnd = inbox.count();
  await inbox.drained();
  const done = performance.now();
  return {
    figures,
    drain: {
      backlogAtEnd,
      secondsToDrain: Math.round((done - ended) / 100) / 10,
      processedPerSecond: Math.round(figures.acknowledged / ((done - started) / 1000)),
    },
  };
}

export async function benchSlackHttp(
  slackApi: { apiUrl: string },
  options: { seconds?: number; connections?: number[] } = {},
): Promise<SlackHttpFigures> {
  const apiUrl = slackApi.apiUrl;
  const seconds = options.seconds ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-http-'));
  const bare = await startBareServer();
  const { serve, dbPath } = await startServe(apiUrl, dir);
  const inbox = inboxWatcher(dbPath);
  try {
    const bareUrl = `http://127.0.0.1:${bare.port}/slack/events`;
    const serveUrl = serve.url('/slack/events');
    // Warm both up so neither is measured while the JIT is still compiling.
    await load(bareUrl, 50, 1);
    let acked = (await load(serveUrl, 50, 3)).acknowledged;
    await inbox.drained();
    const runs: SlackHttpFigures['runs'] = [];
    for (const connections of options.connections ?? [50, 200]) {
      const b = await load(bareUrl, connections, seconds);
      const { figures: s, drain } = await loadThenDrain(serveUrl, inbox, connections, seconds);
      acked += s.acknowledged;
      runs.push({
        connections,
        bare: b,
        serve: s,
        throughputRatio: Math.round((s.requestsPerSecond / b.requestsPerSecond) * 100) / 100,
        ackP99Ratio: Math.round((s.latencyMs.p99 / Math.max(1, b.latencyMs.p99)) * 100) / 100,
        drain,
      });
    }
    // Half of the lowest saturated throughput, offered steadily: latency without a queue.
    const offered = Math.max(10, Math.round(Math.min(...runs.map((r) => r.serve.requestsPerSecond)) / 2));
    const pacedLoad = await load(serveUrl, 50, seconds, offered);
    acked += pacedLoad.acknowledged;
    await inbox.drained();
    await stopServe(serve);
    const db = new Database(dbPath, { readonly: true });
    const saved = (db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE platform = 'slack'").get() as { n: number }).n;
    db.close();
    return { runs, paced: { ...pacedLoad, offeredPerSecond: offered }, savedPerAck: Math.round((saved / Math.max(1, acked)) * 100) / 100 };
  } finally {
    inbox.close();
    if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    await bare.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printSlackHttp(http: SlackHttpFigures): void {
  for (const run of http.runs) {
    console.log(
      `slack slash commands, ${run.connections} connections: acks ${run.serve.requestsPerSecond.toLocaleString('en-US')}/s, p99 ${run.serve.latencyMs.p99} ms ` +
        `(bare signature-check server: ${run.bare.requestsPerSecond.toLocaleString('en-US')}/s, p99 ${run.bare.latencyMs.p99} ms; throughput ratio ${run.throughputRatio}, p99 ratio ${run.ackP99Ratio}; ` +
        `non-2xx ${run.serve.non2xx}, errors ${run.serve.errors}); ${run.drain.backlogAtEnd} still in the inbox when the load stopped, ` +
        `drained ${run.drain.secondsToDrain} s later: ${run.drain.processedPerSecond.toLocaleString('en-US')} commands fully processed per second`,
    );
  }
  console.log(`slack slash commands paced at ${http.paced.offeredPerSecond}/s (half the saturated rate): p50 ack ${http.paced.latencyMs.p50} ms, p99 ${http.paced.latencyMs.p99} ms`);
  console.log(`conversations saved per acknowledged command: ${http.savedPerAck}`);
}
