import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { report, startLoad, underFaults, until, type Outcome } from './fakes/chaos.js';
import { freePort, spawnServe, stopNow, type ServeProcess } from './fakes/serve-process.js';
import { postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// The real entry point under a steady stream of signed slash commands, killed
// with kill -9 twice and stopped with SIGTERM once, restarted each time on
// the same file and port as a supervisor would. Afterwards every command
// Slack was told we received has exactly one root message with exactly one
// answer in its thread, no command has two roots or two conversations, and
// the file passes integrity_check.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-chaos-slack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tag = (id: number) => `[c${id}]`;

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
    const send = async (id: number): Promise<Outcome> => {
      const body = slashCommandBody({ text: `${tag(id)} resize images on upload`, team: 'T0000001', channel: `C${id % 7}`, user: `U${id % 5}`, responseUrl: fake.responseUrl(`chaos-${id}`) });
      const response = await postToSlackApp(url, body, 'application/x-www-form-urlencoded', { secret: SECRET });
      if (response.status === 200 && response.body === '') return 'acknowledged';
      return 'refused';
    };
    const load = startLoad(send, 12);
    serve = await underFaults(load, ['kill -9', 'kill -9', 'SIGTERM'], 30, serve, () => spawnServe({ env }));
    await until(() => load.acknowledged.size >= 30 * 3 + 15, 60_000, 'load after the last restart');
    await load.stop();

    // Every acknowledged command gets its root and its first question, however many restarts it took.
    const roots = (id: number) => fake.messages.filter((m) => !m.threadTs && m.text.includes(tag(id)));
    const replies = (ts: string) => fake.messages.filter((m) => m.threadTs === ts);
    const answeredOnce = (id: number) => roots(id).length === 1 && replies(roots(id)[0]!.ts).length === 1;
    await until(() => [...load.acknowledged].every(answeredOnce), 60_000, 'every acknowledged command to be answered');
    // Whatever started before a crash (acknowledged or not) is finished too: no root without its answer.
    await until(() => fake.messages.filter((m) => !m.threadTs).every((root) => replies(root.ts).length >= 1), 30_000, 'no orphan root');

    const everyId = Array.from({ length: load.sent }, (_, i) => i + 1);
    const duplicatedRoots = everyId.filter((id) => roots(id).length > 1);
    const duplicatedReplies = fake.messages.filter((m) => !m.threadTs && replies(m.ts).length > 1);
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
    const answered = [...load.acknowledged].filter(answeredOnce).length;
    report('chaos, Slack (kill -9 twice, SIGTERM once)', {
      sent: load.sent,
      acknowledged: load.acknowledged.size,
      answered,
      duplicated: duplicatedRoots.length + duplicatedReplies.length + conversationsPerCommand.length,
      refused: load.refused.size,
      'lost in flight': load.lost.size,
      'answered though unacknowledged': [...load.lost].filter((id) => roots(id).length === 1).length,
    });
    expect(answered).toBe(load.acknowledged.size);
    expect(duplicatedRoots).toEqual([]);
    expect(duplicatedReplies.map((m) => m.text)).toEqual([]);
    expect(conversationsPerCommand).toEqual([]);
    expect(serve.logs.filter((l) => l.level === 'error')).toEqual([]);
  } finally {
    stopNow(serve);
    await fake.close();
  }
}, 180_000);
