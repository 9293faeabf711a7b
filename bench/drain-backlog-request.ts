import { createHmac } from 'node:crypto';
import { BENCH_SECRET } from './serve-figures.js';

// The signed slash commands the drain benchmarks send: the nth spread over 20
// channels and 50 people, each a fresh conversation, signed as Slack signs.

type RawRequest = { method?: string; headers?: Record<string, string>; body?: string | Buffer };

export function drainBacklogRequests(): { setupRequest: (request: RawRequest) => RawRequest }[] {
  let n = 0;
  return [
    {
      setupRequest: (request) => {
        n += 1;
        const body = new URLSearchParams({ team_id: 'T1', channel_id: `C${n % 20}`, user_id: `U${n % 50}`, command: '/serverless-fit', text: 'resize images when they are uploaded', response_url: 'http://127.0.0.1:9/r', trigger_id: `${n}.1.drain` }).toString();
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = `v0=${createHmac('sha256', BENCH_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
        return { ...request, method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature } };
      },
    },
  ];
}
