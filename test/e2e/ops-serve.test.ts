import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fakes/discord-server.js';
import { postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';
import { spawnServe, startServe, type ServeProcess } from './fakes/serve-process.js';

// `serverless-fit serve` as a process: health endpoints, JSON logs without
// secrets, and a SIGTERM that lets running work finish and leaves a clean,
// checkpointed database.

const SECRET = '0123456789abcdef0123456789abcdef';
const BOT_TOKEN = 'xoxb-111-222-secretpart';
const dir = mkdtempSync(join(tmpdir(), 'sf-ops-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fakeSlack: FakeSlackWebApi | null = null;
let fakeDiscord: FakeDiscord | null = null;
let proc: ServeProcess | null = null;
afterEach(async () => {
  if (proc && proc.child.exitCode === null) proc.child.kill('SIGKILL');
  proc = null;
  await fakeSlack?.close();
  await fakeDiscord?.close();
  fakeSlack = fakeDiscord = null;
});

function slackEnv(fake: FakeSlackWebApi, db: string): Record<string, string> {
  return { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: db };
}

function command(p: ServeProcess, fake: FakeSlackWebApi, text: string, user = 'U100') {
  const body = slashCommandBody({ text, team: 'T0000001', channel: 'C100', user, responseUrl: fake.responseUrl(`cmd-${user}-${Date.now()}`) });
  return postToSlackApp(p.url('/slack/events'), body, 'application/x-www-form-urlencoded', { secret: SECRET });
}

function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      turns: db.prepare('SELECT t.text FROM turns t ORDER BY t.seq').all() as { text: string }[],
    };
  } finally {
    db.close();
  }
}

describe('serve with Slack over HTTP', () => {
  it('answers /healthz and /readyz on the Slack port, logs JSON without the tokens, and shuts down cleanly on SIGTERM', async () => {
    fakeSlack = await startFakeSlackWebApi();
    const db = join(dir, 'slack.db');
    const p = (proc = await spawnServe({ env: slackEnv(fakeSlack, db) }));

    const health = await fetch(p.url('/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(p.url('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', 'pricing catalog': 'ok', 'Slack (HTTP on port 0, /slack/events)': 'ok' },
    });

    const ack = await command(p, fakeSlack, 'resize images on upload');
    expect(ack.status).toBe(200);
    await fakeSlack.waitFor(() => fakeSlack!.messages.find((m) => m.threadTs));

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['ready', 'SIGTERM received, shutting down', 'stopped cleanly']));
    for (const line of p.logs) expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
    const everything = JSON.stringify(p.logs) + p.other.join('\n') + p.stderr();
    expect(everything).not.toContain('secretpart');
    expect(everything).not.toContain(SECRET);

    // Checkpointed and closed: no WAL left to replay, and the file is sound on its own.
    expect(!existsSync(`${db}-wal`) || statSync(`${db}-wal`).size === 0).toBe(true);
    const after = inspect(db);
    expect(after.integrity).toBe('ok');
    expect(after.turns.map((t) => t.text)).toContain('resize images on upload');
  });

  it('finishes a conversation it already acknowledged before exiting on SIGTERM', async () => {
    fakeSlack = await startFakeSlackWebApi();
    // Slack is slow: the work after the ack is still running when the signal arrives.
    fakeSlack.delays.set('chat.postMessage', 1200);
    const db = join(dir, 'inflight.db');
    const p = (proc = await spawnServe({ env: slackEnv(fakeSlack, db) }));
    const ack = await command(p, fakeSlack, 'nightly report, 3 minutes');
    expect(ack.status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    // The root message and the first question both went out, and the turn is on disk.
    expect(fakeSlack.messages.filter((m) => !m.threadTs)).toHaveLength(1);
    expect(fakeSlack.messages.filter((m) => m.threadTs)).toHaveLength(1);
    expect(inspect(db).turns.map((t) => t.text)).toContain('nightly report, 3 minutes');
  });
});

describe('serve with Discord only', () => {
  it('serves the health routes on PORT, sweeps retention at start, and is ready once the gateway is', async () => {
    fakeDiscord = await startFakeDiscord();
    const db = join(dir, 'discord.db');
    const p = (proc = await spawnServe({ env: { DISCORD_TOKEN: fakeDiscord.token, DISCORD_API_URL: fakeDiscord.apiUrl, PORT: '0', SERVERLESS_FIT_DB: db, RETENTION_DAYS: '30' } }));
    // RETENTION_DAYS: the first sweep runs at start.
    expect(p.logs.find((l) => l.msg === 'retention sweep')).toMatchObject({ days: 30, deleted: { conversations: 0, turns: 0, assessments: 0, deliveries: 0 } });
    expect((await fetch(p.url('/healthz'))).status).toBe(200);
    const ready = await fetch(p.url('/readyz'));
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', 'pricing catalog': 'ok', 'Discord (gateway)': 'ok' } });
    expect((await fetch(p.url('/elsewhere'))).status).toBe(404);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(inspect(db).integrity).toBe('ok');
  });
});

describe('serve refuses to start on bad configuration, with one line', () => {
  it.each([
    [{ RETENTION_DAYS: 'forever' }, /^Configuration error: RETENTION_DAYS must be a whole number of days/],
    [{ SERVERLESS_FIT_WORKERS: '0' }, /^Configuration error: SERVERLESS_FIT_WORKERS must be a whole number from 1 to 1000/],
    [{ SERVERLESS_FIT_WORKERS: 'lots' }, /^Configuration error: SERVERLESS_FIT_WORKERS must be a whole number from 1 to 1000/],
    [{ SERVERLESS_FIT_LEASE_SECONDS: '0' }, /^Configuration error: SERVERLESS_FIT_LEASE_SECONDS must be a whole number of seconds from 1 to 3600/],
    [{ SERVERLESS_FIT_LEASE_SECONDS: '1.5' }, /^Configuration error: SERVERLESS_FIT_LEASE_SECONDS must be a whole number of seconds from 1 to 3600/],
    [{}, /^serve: neither Slack nor Discord is configured/],
    [{ DATABASE_URL: 'mysql://sf:hunter2@db/sf' }, /^Configuration error: DATABASE_URL must be a Postgres URL starting postgres:\/\/ or postgresql:\/\/ \(it has the scheme "mysql:"\)/],
    [{ DATABASE_URL: 'postgres://sf:hunter2@127.0.0.1:1/sf' }, /^Database error: Cannot connect to Postgres at postgres:\/\/sf@127\.0\.0\.1:1\/sf \(.*\)\. Check that the server is running and that the host and port in DATABASE_URL are right\.\n$/],
  ])('%o', async (env, message) => {
    const serve = startServe({ env: { SERVERLESS_FIT_DB: join(dir, 'refused.db'), ...env } });
    expect(await serve.exited).toBe(2);
    expect(serve.stderr().trim().split('\n')).toHaveLength(1);
    expect(serve.stderr()).toMatch(message);
    expect(serve.stderr()).not.toContain('hunter2');
  });
});
