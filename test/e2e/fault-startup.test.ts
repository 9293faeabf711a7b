import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from './fakes/chaos.js';
import { freePort, startServe } from './fakes/serve-process.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';

// What the operator sees when serve cannot start: one line that names the
// variable to check, a non-zero exit, and no stack trace anywhere, the way a
// configuration error already reads.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-fault-startup-'));
let fake: FakeSlackWebApi;
let refusing: FakeSlackWebApi;
let notFound: http.Server;
let notFoundUrl = '';
let busy: http.Server;
let busyPort = 0;
beforeAll(async () => {
  fake = await startFakeSlackWebApi();
  refusing = await startFakeSlackWebApi();
  refusing.failNext('auth.test', { error: 'invalid_auth' });
  notFound = http.createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Not Found</h1></body></html>'));
  await new Promise<void>((resolve) => notFound.listen(0, '127.0.0.1', resolve));
  notFoundUrl = `http://127.0.0.1:${(notFound.address() as { port: number }).port}/not-slack/`;
  busy = http.createServer();
  busyPort = await freePort();
  await new Promise<void>((resolve) => busy.listen(busyPort, resolve));
});
afterAll(async () => {
  await fake.close();
  await refusing.close();
  notFound.close();
  busy.close();
  rmSync(dir, { recursive: true, force: true });
});

const slack = (apiUrl: string) => ({ SLACK_BOT_TOKEN: 'xoxb-start', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, PORT: '0' });
const closedPort = async () => `http://127.0.0.1:${await freePort()}`;

// Each case is a process of its own, so they start side by side.
describe.concurrent('serve stops with one line naming what to check', () => {
  const portTaken = () => new RegExp(`PORT ${busyPort} is already in use.*set PORT`);
  it.each<[string, () => Promise<Record<string, string>>, () => RegExp]>([
    ['Slack unreachable', async () => slack(`${await closedPort()}/api/`), () => /Could not reach Slack at .* to check SLACK_BOT_TOKEN .*SLACK_API_URL/],
    ['Slack refuses the token (invalid_auth)', async () => slack(refusing.apiUrl), () => /Slack refused SLACK_BOT_TOKEN \(auth\.test: invalid_auth\)/],
    ['SLACK_API_URL answering 404', async () => slack(notFoundUrl), () => /answered HTTP 404 to auth\.test.*Check SLACK_API_URL/],
    ['Discord unreachable', async () => ({ DISCORD_TOKEN: 'fake-bot-token', DISCORD_API_URL: `${await closedPort()}/api`, PORT: '0' }), () => /Could not connect to Discord at .*DISCORD_API_URL/],
    ['the port taken (Slack HTTP mode)', async () => ({ ...slack(fake.apiUrl), PORT: String(busyPort) }), portTaken],
    ['the port taken (health checks beside Discord)', async () => ({ DISCORD_TOKEN: 'fake-bot-token', DISCORD_API_URL: `${await closedPort()}/api`, PORT: String(busyPort) }), portTaken],
  ])('%s', async (name, env, line) => {
    const serve = startServe({ env: { ...(await env()), SERVERLESS_FIT_DB: join(dir, `${name.replace(/\W+/g, '-')}.db`) } });
    const code = await serve.exited;
    expect(code).toBe(1);
    const stderr = serve.stderr().trim().split('\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^Start-up error: /);
    expect(stderr[0]).toMatch(line());
    const everything = `${serve.stderr()}\n${JSON.stringify(serve.logs)}\n${serve.other.join('\n')}`;
    expect(everything).not.toMatch(/\n\s+at |\\n\s+at |"stack"/);
    expect(serve.logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([stderr[0]!.replace(/^Start-up error: /, '')]);
    report(`start-up failure: ${name}`, { sent: 0, acknowledged: 0, answered: 0, duplicated: 0, 'exit code': Number(code), 'stderr lines': stderr.length });
  }, 60_000);
});
