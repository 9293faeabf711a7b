import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { report, startLoad, underFaults, until, type Outcome } from './fakes/chaos.js';
import { startFakeDiscord } from './fakes/discord-server.js';
import { spawnServe, stopNow, type ServeProcess } from './fakes/serve-process.js';

// The real entry point on Discord under a steady stream of slash commands in
// a guild channel, killed with kill -9 twice and stopped with SIGTERM once,
// restarted each time on the same file. The fake refuses a first answer
// after 3 s, as Discord does. Afterwards every interaction the bot
// acknowledged has its answer exactly once (its deferred reply filled in, or
// one post in the channel), one conversation, at most one thread, and the
// file passes integrity_check.

const GUILD = '800000000000000042';
const CHANNEL = '810000000000000042';
const dir = mkdtempSync(join(tmpdir(), 'sf-chaos-discord-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tag = (id: number) => `[d${id}]`;
const userOf = (id: number) => `7${String(id).padStart(17, '0')}`;

it('kill -9 twice and SIGTERM once under load: every acknowledged interaction answered exactly once', async () => {
  const fake = await startFakeDiscord({ ackWindowMs: 3000 });
  const dbFile = join(dir, 'chaos.db');
  const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: dbFile };
  const interactionOf = new Map<number, string>();
  let serve: ServeProcess = await spawnServe({ env });
  try {
    const send = async (id: number): Promise<Outcome> => {
      const interaction = await fake.slashCommand({ guildId: GUILD, channelId: CHANNEL, userId: userOf(id) }, 'assess', { description: `${tag(id)} resize images on upload` });
      interactionOf.set(id, interaction);
      const started = Date.now();
      while (Date.now() - started < 4000) {
        if (fake.acknowledged(interaction)) return 'acknowledged';
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return 'lost';
    };
    const load = startLoad(send, 8);
    serve = await underFaults(load, ['kill -9', 'kill -9', 'SIGTERM'], 20, serve, () => spawnServe({ env }));
    await until(() => load.acknowledged.size >= 20 * 3 + 10, 60_000, 'load after the last restart');
    await load.stop();

    const fallbacks = (id: number) => [...fake.messages.values()].filter((m) => m.channel_id === CHANNEL && m.content.includes(`<@${userOf(id)}>`));
    const filledIn = (id: number) => (fake.originalOf(interactionOf.get(id) ?? '')?.content ?? '') !== '';
    const answers = (id: number) => (filledIn(id) ? 1 : 0) + fallbacks(id).length;
    await until(() => [...load.acknowledged].every((id) => answers(id) >= 1), 60_000, 'every acknowledged interaction to be answered');

    const db = new Database(dbFile, { readonly: true });
    let conversationsPerCommand: { text: string; n: number }[];
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      conversationsPerCommand = db
        .prepare("SELECT t.text, count(*) AS n FROM conversations c JOIN turns t ON t.conversation_id = c.id AND t.seq = 1 WHERE c.platform = 'discord' GROUP BY t.text HAVING n > 1")
        .all() as { text: string; n: number }[];
    } finally {
      db.close();
    }
    const everyId = [...interactionOf.keys()];
    const duplicated = everyId.filter((id) => answers(id) > 1);
    const answered = [...load.acknowledged].filter((id) => answers(id) === 1).length;
    report('chaos, Discord (kill -9 twice, SIGTERM once)', {
      sent: load.sent,
      acknowledged: load.acknowledged.size,
      answered,
      duplicated: duplicated.length + conversationsPerCommand.length,
      'not acknowledged': load.lost.size,
      'answered in the channel though not acknowledged in time': [...load.lost].filter((id) => fallbacks(id).length === 1).length,
    });
    expect(answered).toBe(load.acknowledged.size);
    expect(duplicated).toEqual([]);
    expect(conversationsPerCommand).toEqual([]);
    const threadStarts = fake.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/threads') && c.status === 201).map((c) => c.path);
    expect(new Set(threadStarts).size).toBe(threadStarts.length);
  } finally {
    stopNow(serve);
    await fake.close();
  }
}, 180_000);
