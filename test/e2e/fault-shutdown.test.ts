import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { report, until } from './fakes/chaos.js';
import { startFakeDiscord } from './fakes/discord-server.js';
import { spawnServe, stopNow, type ServeProcess } from './fakes/serve-process.js';
import { postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// SIGTERM while the outside world is slow or gone. The process stops taking
// work at once, gives what it already took a bounded time, leaves the rest
// for the next start without telling anyone it failed, and only then closes
// the database and exits: inside an orchestrator's 10 s, whatever the network does.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-fault-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SIGTERM with a Slack API that answers in 12 s', () => {
  it('exits before Slack answers, tells nobody it failed, and the restart finishes the work once', async () => {
    const fake = await startFakeSlackWebApi();
    const dbFile = join(dir, 'slow-slack.db');
    const env = { SLACK_BOT_TOKEN: 'xoxb-slow', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: dbFile };
    let serve: ServeProcess = await spawnServe({ env });
    try {
      fake.delays.set('chat.postMessage', 12_000);
      const ids = [1, 2, 3];
      const acks = await Promise.all(
        ids.map((id) =>
          postToSlackApp(serve.url('/slack/events'), slashCommandBody({ text: `[s${id}] nightly report, 3 minutes`, team: 'T0000001', channel: 'C100', user: `U${id}`, responseUrl: fake.responseUrl(`slow-${id}`) }), 'application/x-www-form-urlencoded', { secret: SECRET }),
        ),
      );
      expect(acks.map((a) => [a.status, a.body])).toEqual(ids.map(() => [200, '']));
      // Every root message is on its way to Slack, and Slack is slow.
      await until(() => fake.arrivals.filter((m) => m === 'chat.postMessage').length === ids.length, 20_000, 'the posts to be in flight');

      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
      // Gone before Slack answered a single post: the shutdown did not wait for the network.
      expect(fake.callsTo('chat.postMessage')).toEqual([]);
      const said = serve.logs.map((l) => l.msg);
      expect(said).toContain('stopped with 3 deliveries still in progress; they are saved and continue at the next start');
      expect(said).not.toContain('stopped cleanly');
      expect(serve.logs.filter((l) => l.level === 'error')).toEqual([]);
      const db = new Database(dbFile, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) AS n FROM deliveries WHERE payload IS NOT NULL AND done_at IS NULL').get()).toEqual({ n: 3 });
      db.close();

      // Slack did post those roots in the end; the restart finds them instead of posting again.
      await until(() => fake.callsTo('chat.postMessage').length === ids.length, 20_000, 'Slack to answer the orphaned posts');
      fake.delays.delete('chat.postMessage');
      serve = await spawnServe({ env });
      const roots = (id: number) => fake.messages.filter((m) => !m.threadTs && m.text.includes(`[s${id}]`));
      await until(() => ids.every((id) => roots(id).length === 1 && fake.messages.some((m) => m.threadTs === roots(id)[0]!.ts)), 20_000, 'every command answered');
      const told = fake.responses.map((r) => JSON.stringify(r.body));
      const duplicated = ids.filter((id) => roots(id).length !== 1 || fake.messages.filter((m) => m.threadTs === roots(id)[0]!.ts).length !== 1).length;
      report('shutdown with Slack answering in 12 s', { sent: ids.length, acknowledged: acks.length, answered: ids.length - duplicated, duplicated, 'told it failed': told.filter((t) => /went wrong/.test(t)).length });
      expect(duplicated).toBe(0);
      expect(told.filter((t) => /went wrong/.test(t))).toEqual([]);
    } finally {
      stopNow(serve);
      await fake.close();
    }
  }, 90_000);
});

describe('SIGTERM with the Discord gateway unreachable', () => {
  it('exits within the grace period instead of waiting on a connection that never comes back', async () => {
    const fake = await startFakeDiscord();
    const serve = await spawnServe({ env: { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: join(dir, 'gateway.db') } });
    try {
      fake.gatewayDown();
      // The bot is trying to get back in, and cannot.
      await until(() => fake.gateway.refused > 0, 30_000, 'a reconnection attempt');
      serve.child.kill('SIGTERM');
      // A hang here is the failure: the test's own timeout ends it.
      expect(await serve.exited).toBe(0);
      expect(serve.logs.map((l) => l.msg)).toContain('stopped cleanly');
      report('SIGTERM with the Discord gateway unreachable', { sent: 0, acknowledged: 0, answered: 0, duplicated: 0, 'exit code': 0 });
    } finally {
      stopNow(serve);
      await fake.close();
    }
  }, 60_000);
});
