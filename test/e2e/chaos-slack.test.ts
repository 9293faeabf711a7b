import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { report, startLoad, underFaults, until, type Outcome } from './fakes/chaos.js';
import { freePort, spawnServe, stopNow, type ServeProcess } from './fakes/serve-process.js';
import { buttons } from './fakes/slack-messages.js';
import { blockActionPayload, interactivityBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// The real entry point under a steady stream of signed slash commands, each
// followed by a press of "None of these" on its question (which brings the
// card, the verdict on the root and the chart), killed with kill -9 twice and
// stopped with SIGTERM once, restarted each time on the same file and port as
// a supervisor would. Afterwards every command Slack was told we received has
// exactly one root message with exactly one question in its thread; every
// press Slack was told we received, exactly one card and one chart; nothing
// has two roots or two conversations, and the file passes integrity_check.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-chaos-slack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tag = (id: number) => `[c${id}]`;
const blocksOf = (message: { blocks: unknown }) => JSON.stringify(message.blocks);

it('kill -9 twice and SIGTERM once under load: every acknowledged command answered exactly once', async () => {
  const fake = await startFakeSlackWebApi();
  // A Slack that takes a moment per post keeps work in flight when the process dies.
  fake.delays.set('chat.postMessage', 25);
  const dbFile = join(dir, 'chaos.db');
  const port = await freePort();
  const env = { SLACK_BOT_TOKEN: 'xoxb-chaos', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), SERVERLESS_FIT_DB: dbFile };
  let serve: ServeProcess = await spawnServe({ env });
  try {
    const url = `http://127.0.0.1:${port}/slack/events`;
    // By the blocks: the root's text turns into the verdict once the card is out, its first block keeps the words.
    const roots = (id: number) => fake.messages.filter((m) => !m.threadTs && blocksOf(m).includes(tag(id)));
    const replies = (ts: string) => fake.messages.filter((m) => m.threadTs === ts);
    const presses = { sent: new Set<number>(), acknowledged: new Set<number>() };
    const post = async (body: string) => {
      const response = await postToSlackApp(url, body, 'application/x-www-form-urlencoded', { secret: SECRET });
      return response.status === 200 && response.body === '';
    };
    const send = async (id: number): Promise<Outcome> => {
      const channel = `C${id % 7}`;
      const user = `U${id % 5}`;
      if (!(await post(slashCommandBody({ text: `${tag(id)} resize images on upload, 2 s, 3000 a day`, team: 'T0000001', channel, user, responseUrl: fake.responseUrl(`chaos-${id}`) })))) return 'refused';
      // Answer the question once it is there (a restart may come in between).
      const started = Date.now();
      while (Date.now() - started < 10_000 && !(roots(id)[0] && replies(roots(id)[0]!.ts)[0])) await new Promise((resolve) => setTimeout(resolve, 50));
      const question = roots(id)[0] && replies(roots(id)[0]!.ts)[0];
      const none = question ? buttons(question).find((b) => b.label === 'None of these') : undefined;
      if (question && none) {
        presses.sent.add(id);
        const payload = blockActionPayload({ team: 'T0000001', channel, user, messageTs: question.ts, threadTs: question.threadTs!, actionId: none.actionId, value: none.value, responseUrl: fake.responseUrl(`press-${id}`) });
        if (await post(interactivityBody(payload)).catch(() => false)) presses.acknowledged.add(id);
      }
      return 'acknowledged';
    };
    const load = startLoad(send, 12);
    serve = await underFaults(load, ['kill -9', 'kill -9', 'SIGTERM'], 20, serve, () => spawnServe({ env }));
    await until(() => load.acknowledged.size >= 20 * 3 + 10, 60_000, 'load after the last restart');
    await load.stop();

    // Every acknowledged command gets its root and its question; every acknowledged press, the card
    // and its chart; however many restarts it took.
    const answeredOnce = (id: number) => roots(id).length === 1 && replies(roots(id)[0]!.ts).filter((m) => !blocksOf(m).includes('*Monthly cost*')).length === 1;
    const cards = (id: number) => (roots(id)[0] ? replies(roots(id)[0]!.ts).filter((m) => blocksOf(m).includes('*Monthly cost*')) : []);
    const charts = (id: number) => (roots(id)[0] ? fake.fileShares.filter((f) => f.threadTs === roots(id)[0]!.ts) : []);
    const cardOnce = (id: number) => cards(id).length === 1 && (roots(id)[0]?.edits ?? 0) >= 1;
    const chartOnce = (id: number) => charts(id).length === 1;
    const state = (id: number) => `${tag(id)} roots ${roots(id).length}, thread ${roots(id).map((r) => replies(r.ts).length).join('/')}, cards ${cards(id).length}, charts ${charts(id).length}`;
    await until(() => [...load.acknowledged].every(answeredOnce), 60_000, 'every acknowledged command to be answered', () =>
      [...load.acknowledged].filter((id) => !answeredOnce(id)).map(state).join('; '),
    );
    await until(() => [...presses.acknowledged].every(cardOnce), 60_000, 'every acknowledged press to be answered with its card', () =>
      [...presses.acknowledged].filter((id) => !cardOnce(id)).map(state).join('; '),
    );
    // Charts follow their cards on a worker of their own and may trail far behind on a busy machine, but never stop coming.
    await whileComing(() => [...presses.acknowledged].filter((id) => !chartOnce(id)), 30_000, (left) => `charts stopped coming: ${left.map(state).join('; ')}`);
    // Whatever started before a crash (acknowledged or not) is finished too: no root without its answer.
    await until(() => fake.messages.filter((m) => !m.threadTs).every((root) => replies(root.ts).length >= 1), 30_000, 'no orphan root');
    // And whatever reached the inbox is worked off, the deliveries whose acknowledgement a crash swallowed included.
    const watcher = new Database(dbFile, { readonly: true });
    try {
      const waiting = watcher.prepare<[], { delivery_id: string }>('SELECT delivery_id FROM deliveries WHERE payload IS NOT NULL AND done_at IS NULL');
      await until(() => waiting.all().length === 0, 60_000, 'the inbox to be worked off', () => waiting.all().map((r) => r.delivery_id).join(', '));
    } finally {
      watcher.close();
    }

    const everyId = Array.from({ length: load.sent }, (_, i) => i + 1);
    const duplicatedRoots = everyId.filter((id) => roots(id).length > 1);
    const duplicatedReplies = fake.messages.filter((m) => !m.threadTs && (replies(m.ts).length > 2 || fake.fileShares.filter((f) => f.threadTs === m.ts).length > 1));
    const db = new Database(dbFile, { readonly: true });
    let conversationsPerCommand: { text: string; n: number }[];
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      conversationsPerCommand = db
        .prepare("SELECT t.text, count(*) AS n FROM conversations c JOIN turns t ON t.conversation_id = c.id AND t.seq = 1 GROUP BY t.text HAVING n > 1")
        .all() as { text: string; n: number }[];
      expect(db.prepare("SELECT count(*) AS n FROM deliveries WHERE payload IS NOT NULL AND done_at IS NULL").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    const answered = [...load.acknowledged].filter(answeredOnce).length + [...presses.acknowledged].filter((id) => cardOnce(id) && chartOnce(id)).length;
    report('chaos, Slack (kill -9 twice, SIGTERM once)', {
      sent: load.sent + presses.sent.size,
      acknowledged: load.acknowledged.size + presses.acknowledged.size,
      answered,
      duplicated: duplicatedRoots.length + duplicatedReplies.length + conversationsPerCommand.length,
      'commands sent': load.sent,
      'commands acknowledged': load.acknowledged.size,
      'presses sent': presses.sent.size,
      'presses acknowledged': presses.acknowledged.size,
      refused: load.refused.size,
      'lost in flight': load.lost.size,
      'answered though unacknowledged': [...load.lost].filter((id) => roots(id).length === 1).length,
    });
    expect(answered).toBe(load.acknowledged.size + presses.acknowledged.size);
    expect(duplicatedRoots).toEqual([]);
    expect(duplicatedReplies.map((m) => m.text)).toEqual([]);
    expect(conversationsPerCommand).toEqual([]);
    expect(serve.logs.filter((l) => l.level === 'error')).toEqual([]);
  } finally {
    stopNow(serve);
    await fake.close();
  }
}, 300_000);

/** Waits until `missing()` is empty, for as long as it keeps shrinking; fails once it stood still for `stallMs`. */
async function whileComing<T>(missing: () => T[], stallMs: number, failure: (left: T[]) => string): Promise<void> {
  let fewest = Number.POSITIVE_INFINITY;
  let progressAt = Date.now();
  for (let left = missing(); left.length > 0; left = missing()) {
    if (left.length < fewest) [fewest, progressAt] = [left.length, Date.now()];
    if (Date.now() - progressAt > stallMs) throw new Error(failure(left));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
