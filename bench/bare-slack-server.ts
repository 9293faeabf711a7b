import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// The yardstick for the Slack endpoint benchmark: a bare node:http server
// that does only what every Slack endpoint must (read the body, check the v0
// signature and the timestamp window) and answers 200. Run as its own process
// like serve, so both get the same share of the machine.

const secret = process.env.BENCH_SIGNING_SECRET ?? '';
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const timestamp = String(req.headers['x-slack-request-timestamp'] ?? '');
    const signature = Buffer.from(String(req.headers['x-slack-signature'] ?? ''));
    const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
    const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
    const ok = fresh && signature.length === expected.length && timingSafeEqual(signature, expected);
    res.writeHead(ok ? 200 : 401);
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ msg: 'ready', port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
