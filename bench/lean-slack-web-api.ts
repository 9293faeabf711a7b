import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A Slack Web API that says yes to everything, as fast as it can, keeping no
// state: under load the test fake's bookkeeping would be measured instead of
// the bot. Answers what the command flow calls after its ack. With `observe`,
// each call's form fields are handed over as it arrives (the card latency
// figure watches for the card); without it, bodies are not even read.

export interface ObservedCall {
  method: string;
  params: URLSearchParams;
  /** The ts answered for it. */
  ts: string;
  /** performance.now() when it arrived. */
  at: number;
}

export async function startLeanSlackWebApi(
  observe?: (call: ObservedCall) => void,
): Promise<{ apiUrl: string; calls: () => number; close(): Promise<void> }> {
  let seq = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    if (observe) req.on('data', (chunk: Buffer) => chunks.push(chunk));
    else req.resume();
    req.on('end', () => {
      seq += 1;
      const ts = `${1_700_000_000 + seq}.${String(seq).padStart(6, '0')}`;
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const body = method === 'auth.test' ? { ok: true, user_id: 'UBOT0001', bot_id: 'BBOT0001', team_id: 'T0000001' } : { ok: true, channel: 'C100', ts, message_ts: ts };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
      observe?.({ method, params: new URLSearchParams(Buffer.concat(chunks).toString('utf8')), ts, at: performance.now() });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls: () => seq,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
