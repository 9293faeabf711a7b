import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A Slack Web API that says yes to everything, as fast as it can, keeping no
// state: under load the test fake's bookkeeping would be measured instead of
// the bot. Answers what the command flow calls after its ack.

export async function startLeanSlackWebApi(): Promise<{ apiUrl: string; calls: () => number; close(): Promise<void> }> {
  let seq = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seq += 1;
      const ts = `${1_700_000_000 + seq}.${String(seq).padStart(6, '0')}`;
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const body = method === 'auth.test' ? { ok: true, user_id: 'UBOT0001', bot_id: 'BBOT0001', team_id: 'T0000001' } : { ok: true, channel: 'C100', ts, message_ts: ts };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
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
