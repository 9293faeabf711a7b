import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { report, until } from './fakes/chaos.js';
import { freePort, spawnServe, stopNow, type ServeProcess } from './fakes/serve-process.js';
import { messageEventBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi, type FakeSlackWebApi } from './fakes/slack-web-api.js';

// The inbox, on the real entry point: a delivery is written down and
// acknowledged before any work on it, so a backlog can build up on disk; a
// kill -9 with that backlog loses none of it; a retried delivery is worked
// once; and the messages of one thread are worked one after another in the
// order they came, while other conversations go on.

const SECRET = '0123456789abcdef0123456789abcdef';
const TEAM = 'T0000001';
const dir = mkdtempSync(join(tmpdir(), 'sf-fault-inbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const waitingIn = (dbFile: string): number => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM deliveries WHERE payload IS NOT NULL AND done_at IS NULL').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('a backlog in the inbox, then kill -9', () => {
  it('is acknowledged before any work, survives the kill, and is answered exactly once after the restart, a retry included', async () => {
    const fake = await startFakeSlackWebApi();
    const dbFile = join(dir, 'backlog.db');
    const port = await freePort();
    const workers = 2;
    const env = { SLACK_BOT_TOKEN: 'xoxb-inbox', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), SERVERLESS_FIT_DB: dbFile, SERVERLESS_FIT_WORKERS: String(workers) };
    // Slack answers no post until the test says so: the workers get stuck on their first entries.
    let releaseSlack = () => {};
    const slackAnswers = new Promise<void>((resolve) => (releaseSlack = resolve));
    fake.hold = (method) => (method === 'chat.postMessage' ? slackAnswers : undefined);
    let serve: ServeProcess = await spawnServe({ env });
    try {
      const url = `http://127.0.0.1:${port}/slack/events`;
      const ids = Array.from({ length: 12 }, (_, i) => i + 1);
      const bodies = new Map(ids.map((id) => [id, slashCommandBody({ text: `[b${id}] nightly report, 3 minutes`, team: TEAM, channel: `C${id % 3}`, user: `U${id}`, responseUrl: fake.responseUrl(`backlog-${id}`), triggerId: `${id}.2222.backlog` })]));
      const send = (id: number, retryNum?: number) =>
        postToSlackApp(url, bodies.get(id)!, 'application/x-www-form-urlencoded', { secret: SECRET, ...(retryNum === undefined ? {} : { retryNum }) });
      const acks = await Promise.all(ids.map((id) => send(id)));
      expect(acks.map((a) => [a.status, a.body])).toStrictEqual(ids.map(() => [200, '']));
      // Every command was acknowledged while Slack had not answered a single post: the acks did not wait for the work.
      expect(fake.callsTo('chat.postMessage')).toStrictEqual([]);
      // Slack retries the first command (its acknowledgement was "lost"): acknowledged again, kept once.
      const retry = await send(1, 1);
      expect([retry.status, retry.body]).toStrictEqual([200, '']);

      // Only as many commands are being worked as there are workers; the rest wait on disk.
      await until(() => fake.arrivals.filter((m) => m === 'chat.postMessage').length === workers, 20_000, 'the workers to be busy');
      const backlog = waitingIn(dbFile);
      expect(backlog).toBe(ids.length);
      expect(fake.arrivals.filter((m) => m === 'chat.postMessage')).toHaveLength(workers);

      serve.child.kill('SIGKILL');
      await serve.exited;
      // The posts the dead process had sent land now; the restart must find them, not post again.
      releaseSlack();
      await until(() => fake.callsTo('chat.postMessage').length === workers, 20_000, 'the orphaned posts to land');
      fake.hold = null;
      serve = await spawnServe({ env });
      // Slack retries again after the restart; still kept once.
      const lateRetry = await send(1, 2);
      expect([lateRetry.status, lateRetry.body]).toStrictEqual([200, '']);

      const roots = (id: number) => fake.messages.filter((m) => !m.threadTs && m.text.includes(`[b${id}]`));
      const thread = (ts: string) => fake.messages.filter((m) => m.threadTs === ts);
      const answeredOnce = (id: number) => roots(id).length === 1 && thread(roots(id)[0]!.ts).length === 1;
      await until(() => ids.every((id) => roots(id)[0] && thread(roots(id)[0]!.ts).length > 0), 60_000, 'every command answered', () =>
        ids.filter((id) => !answeredOnce(id)).map((id) => `[b${id}] roots ${roots(id).length}`).join('; '),
      );
      await until(() => waitingIn(dbFile) === 0, 20_000, 'the inbox to empty');
      const duplicated = ids.filter((id) => !answeredOnce(id));
      report('inbox backlog, then kill -9', {
        sent: ids.length + 2,
        acknowledged: acks.length + 2,
        answered: ids.filter(answeredOnce).length,
        duplicated: duplicated.length,
        'waiting on disk at the kill': backlog,
      });
      expect(duplicated).toStrictEqual([]);
      expect(serve.logs.filter((l) => l.level === 'error')).toStrictEqual([]);
    } finally {
      fake.hold = null;
      stopNow(serve);
      await fake.close();
    }
  }, 120_000);
});

describe('one thread, several messages, while another conversation starts', () => {
  it('works the thread one message at a time in the order sent, a retried message once, and does not hold the other conversation up', async () => {
    const fake = await startFakeSlackWebApi();
    const dbFile = join(dir, 'order.db');
    const port = await freePort();
    const env = { SLACK_BOT_TOKEN: 'xoxb-inbox', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), SERVERLESS_FIT_DB: dbFile };
    const serve = await spawnServe({ env });
    try {
      const url = `http://127.0.0.1:${port}/slack/events`;
      const command = (tag: string, channel: string, user: string) =>
        postToSlackApp(url, slashCommandBody({ text: `${tag} resize images when they are uploaded`, team: TEAM, channel, user, responseUrl: fake.responseUrl(tag) }), 'application/x-www-form-urlencoded', { secret: SECRET });
      const rootOf = (api: FakeSlackWebApi, tag: string) => api.messages.find((m) => !m.threadTs && m.text.includes(tag));
      const thread = (ts: string) => fake.messages.filter((m) => m.threadTs === ts);

      expect((await command('[A]', 'C1', 'U1')).status).toBe(200);
      await until(() => Boolean(rootOf(fake, '[A]') && thread(rootOf(fake, '[A]')!.ts).length === 1), 20_000, 'the first question in thread A');
      const rootA = rootOf(fake, '[A]')!.ts;

      // Thread A's replies are held back by Slack; count how many of its messages are being worked at once.
      let releaseA = () => {};
      const answersA = new Promise<void>((resolve) => (releaseA = resolve));
      let heldInA = 0;
      fake.hold = (method, body) => {
        if (method !== 'chat.postMessage' || !body.includes(rootA)) return undefined;
        heldInA += 1;
        return answersA;
      };
      const answers = ['about 3000 a day', 'each one takes 2 seconds', 'none', 'it is CPU-bound, 1 GB of memory'];
      const eventBody = (i: number) => messageEventBody({ team: TEAM, channel: 'C1', user: 'U1', text: answers[i]!, ts: `1800000000.00010${i}`, threadTs: rootA, eventId: `Ev-order-${i}` });
      for (let i = 0; i < answers.length; i += 1) {
        const ack = await postToSlackApp(url, eventBody(i), 'application/json', { secret: SECRET });
        expect([ack.status, ack.body]).toStrictEqual([200, '']);
      }
      // Slack retries the second message.
      expect((await postToSlackApp(url, eventBody(1), 'application/json', { secret: SECRET, retryNum: 1 })).status).toBe(200);
      await until(() => heldInA === 1, 20_000, 'the first reply in thread A to be on its way');

      // Another conversation starts and gets its question while thread A is stuck.
      expect((await command('[B]', 'C2', 'U2')).status).toBe(200);
      await until(() => Boolean(rootOf(fake, '[B]') && thread(rootOf(fake, '[B]')!.ts).length === 1), 20_000, 'conversation B to get its question');
      // Thread A is still on its first message: the rest wait their turn instead of running beside it.
      const atOnceInA = heldInA;
      expect(atOnceInA).toBe(1);
      expect(thread(rootA)).toHaveLength(1);

      releaseA();
      const db = new Database(dbFile, { readonly: true });
      try {
        const userTurns = () =>
          (db.prepare("SELECT t.text FROM turns t JOIN conversations c ON c.id = t.conversation_id WHERE c.thread = ? AND t.role = 'user' ORDER BY t.seq").all(rootA) as { text: string }[]).map((r) => r.text);
        await until(() => userTurns().length === answers.length + 1 && waitingIn(dbFile) === 0, 30_000, 'every message in thread A worked', () => JSON.stringify(userTurns()));
        // The opening description, then each answer once, in the order it was sent.
        expect(userTurns().slice(1)).toStrictEqual(answers);
      } finally {
        db.close();
      }
      report('one thread, four messages and a retry, beside another conversation', {
        sent: answers.length + 1 + 2,
        acknowledged: answers.length + 1 + 2,
        answered: answers.length + 2,
        duplicated: 0,
        'worked at once in the thread': atOnceInA,
      });
      expect(serve.logs.filter((l) => l.level === 'error')).toStrictEqual([]);
    } finally {
      fake.hold = null;
      stopNow(serve);
      await fake.close();
    }
  }, 90_000);
});
