import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLeanSlackWebApi, type ObservedCall } from './lean-slack-web-api.js';
import { BENCH_SECRET, startServe, stopServe } from './serve-figures.js';

// From a person's last answer in a thread to the card posted in it, as Slack
// would see it: `conversations` conversations at once against the serve of
// this checkout (Slack over HTTP, the lean Web API). Each starts with a slash
// command that leaves questions, answers each in its thread (signed message
// events) and times the last answer until the card's chat.postMessage
// arrives at the Web API. Several rounds per conversation.

export interface CardLatencyFigures {
  conversations: number;
  samples: number;
  /** Answer sent -> card posted, over every sample. */
  latencyMs: { p50: number; p99: number; max: number };
}

const COMMAND = 'REST API, 100 ms per request, 1 GB, calls Postgres';
/** What the interview asks after that command, answered in order. */
const ANSWERS = ['1000 requests per second, 24/7', 'nothing special'];

const isProgressNote = (call: ObservedCall) => (call.params.get('text') ?? '').startsWith('Working on it');
const isCard = (call: ObservedCall) => (call.params.get('blocks') ?? '').includes('"type":"header"');

function messageEvent(channel: string, user: string, thread: string, text: string, id: string): string {
  const ts = `${1_800_000_000 + Number(id.replace('-', ''))}.000100`;
  return JSON.stringify({
    team_id: 'T0000001',
    api_app_id: 'A0000001',
    type: 'event_callback',
    event_id: `EvCard${id}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel, user, text, ts, event_ts: ts, thread_ts: thread, channel_type: 'channel', team: 'T0000001' },
    authorizations: [{ team_id: 'T0000001', user_id: 'UBOT0001', is_bot: true }],
  });
}

interface Waiter {
  matches: (call: ObservedCall) => boolean;
  resolve: (call: ObservedCall) => void;
}

export async function benchCardLatency(options: { conversations?: number; rounds?: number } = {}): Promise<CardLatencyFigures> {
  const conversations = options.conversations ?? 20;
  const rounds = options.rounds ?? 5;
  const waiters = new Set<Waiter>();
  const api = await startLeanSlackWebApi((call) => {
    for (const waiter of waiters) {
      if (!waiter.matches(call)) continue;
      waiters.delete(waiter);
      waiter.resolve(call);
    }
  });
  const next = (matches: (call: ObservedCall) => boolean, what: string) =>
    new Promise<ObservedCall>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`card latency bench: no ${what} within 60 s`)), 60_000);
      waiters.add({ matches, resolve: (call) => (clearTimeout(timer), resolve(call)) });
    });
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-card-'));
  const { serve } = await startServe(api.apiUrl, dir);
  const url = serve.url('/slack/events');
  const post = async (body: string, contentType: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', BENCH_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`card latency bench: serve answered ${res.status}`);
  };
  const isPost = (call: ObservedCall, channel: string) => call.method === 'chat.postMessage' && call.params.get('channel') === channel;
  const samples: number[] = [];
  let seq = 0;
  async function conversation(c: number): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      const id = (seq += 1);
      const channel = `CCARD${c}R${round}`;
      const user = `UCARD${c}`;
      // Each round has a channel of its own: a post in a thread there is a post in this conversation's thread.
      const inThread = () => next((call) => isPost(call, channel) && Boolean(call.params.get('thread_ts')), 'post in the thread');
      const root = next((call) => isPost(call, channel) && !call.params.get('thread_ts'), 'root message');
      const question = inThread();
      await post(
        new URLSearchParams({ team_id: 'T0000001', channel_id: channel, user_id: user, command: '/serverless-fit', text: COMMAND, api_app_id: 'A0000001', response_url: 'http://127.0.0.1:9/r', trigger_id: `${id}.card` }).toString(),
        'application/x-www-form-urlencoded',
      );
      const thread = (await root).ts;
      let reply = await question;
      while (isProgressNote(reply)) reply = await inThread();
      // Each question is answered in turn; the answer after which the card comes is the one timed.
      for (const [i, answer] of ANSWERS.entries()) {
        const following = inThread();
        const sent = performance.now();
        await post(messageEvent(channel, user, thread, answer, `${id}-${i}`), 'application/json');
        reply = await following;
        // A slow answer gets a progress note first; what counts is the post after it.
        while (isProgressNote(reply)) reply = await inThread();
        if (isCard(reply)) {
          samples.push(reply.at - sent);
          break;
        }
      }
      if (!isCard(reply)) throw new Error(`card latency bench: still asked "${reply.params.get('text') ?? ''}" after every answer`);
    }
  }
  try {
    await Promise.all(Array.from({ length: conversations }, (_, c) => conversation(c)));
  } finally {
    await stopServe(serve);
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = samples.sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { conversations, samples: sorted.length, latencyMs: { p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1)!) } };
}
