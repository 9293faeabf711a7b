import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { messageEventBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';
import { spawnServe, type ServeProcess } from './fakes/serve-process.js';

// kill -9 of a serving bot while signed slash commands pour in, then a
// restart on the same file: SQLite recovers its WAL, the file passes
// integrity_check, every acknowledged command is on disk and done after the
// restart, and the conversations carry on.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-hardening-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kill -9 under load, then restart', () => {
  it('loses nothing it answered, keeps the file sound, and resumes conversations', async () => {
    const fake = await startFakeSlackWebApi();
    const dbPath = join(dir, 'crash.db');
    const env = { SLACK_BOT_TOKEN: 'xoxb-crash', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: dbPath };
    let serve: ServeProcess | null = null;
    let pendingAtCrash: string[] = [];
    try {
      serve = await spawnServe({ env });
      const url = serve.url('/slack/events');
      const acknowledged: string[] = [];
      let sent = 0;
      let stop = false;
      const sender = async (worker: number) => {
        while (!stop) {
          sent += 1;
          const text = `crash test workload ${worker}-${sent}, resize images`;
          const body = slashCommandBody({ text, team: 'T0000001', channel: `C${worker}`, user: `U${worker}`, responseUrl: fake.responseUrl(`c${sent}`) });
          try {
            const response = await postToSlackApp(url, body, 'application/x-www-form-urlencoded', { secret: SECRET });
            if (response.status === 200) acknowledged.push(text);
          } catch {
            // The process is gone: requests in flight fail, which is what a crash looks like to Slack.
          }
        }
      };
      const senders = Array.from({ length: 16 }, (_, i) => sender(i));
      await fake.waitFor(() => acknowledged.length >= 150, 20_000);
      serve.child.kill('SIGKILL');
      expect(await serve.exited).toBe('SIGKILL');
      stop = true;
      await Promise.all(senders);
      const threadsAnswered = new Set(fake.messages.filter((m) => m.threadTs).map((m) => m.threadTs!));

      // Opening the file replays the WAL, as the restarted bot will.
      const db = new Database(dbPath);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const saved = db.prepare("SELECT c.thread, t.text FROM conversations c JOIN turns t ON t.conversation_id = c.id AND t.seq = 1 WHERE c.platform = 'slack'").all() as { thread: string; text: string }[];
        const savedThreads = new Set(saved.map((r) => r.thread));
        // Everything a user saw an answer to is on disk.
        expect([...threadsAnswered].filter((ts) => !savedThreads.has(ts))).toEqual([]);
        expect(threadsAnswered.size).toBeGreaterThan(0);
        // The ack comes before the work (Slack's 3-second rule), but each command is written to
        // the delivery ledger before the ack: every acknowledged command is on disk.
        const claimed = new Set(
          (db.prepare("SELECT payload FROM deliveries WHERE platform = 'slack' AND payload IS NOT NULL").all() as { payload: string }[]).map(
            (r) => (JSON.parse(r.payload) as { text: string }).text,
          ),
        );
        expect(acknowledged.filter((t) => !claimed.has(t))).toEqual([]);
        const savedTexts = new Set(saved.map((r) => r.text));
        pendingAtCrash = acknowledged.filter((t) => !savedTexts.has(t));
        console.info(`kill -9: ${acknowledged.length} acknowledged, ${saved.length} conversations saved, ${threadsAnswered.size} answered, ${pendingAtCrash.length} acknowledged and still to do (replayed at restart)`);
      } finally {
        db.close();
      }

      // Restart on the same file: ready, the acknowledged commands the crash interrupted are
      // replayed, and a conversation from before the crash carries on.
      serve = await spawnServe({ env });
      expect((await fetch(serve.url('/readyz'))).status).toBe(200);
      const watcher = new Database(dbPath, { readonly: true });
      try {
        const startedTexts = () =>
          new Set((watcher.prepare("SELECT t.text FROM conversations c JOIN turns t ON t.conversation_id = c.id AND t.seq = 1 WHERE c.platform = 'slack'").all() as { text: string }[]).map((r) => r.text));
        await fake.waitFor(() => pendingAtCrash.every((t) => startedTexts().has(t)), 20_000);
        expect(acknowledged.filter((t) => !startedTexts().has(t))).toEqual([]);
      } finally {
        watcher.close();
      }
      const resumed = [...threadsAnswered][0]!;
      const question = fake.messages.find((m) => m.threadTs === resumed)!;
      const before = fake.messages.filter((m) => m.threadTs === resumed).length;
      const reply = messageEventBody({ team: 'T0000001', channel: question.channel, user: 'U1', text: '3000 a day', ts: '1900000000.000001', threadTs: resumed, eventId: 'EvAfterCrash' });
      expect((await postToSlackApp(serve.url('/slack/events'), reply, 'application/json', { secret: SECRET })).status).toBe(200);
      await fake.waitFor(() => fake.messages.filter((m) => m.threadTs === resumed).length > before, 10_000);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
      const after = new Database(dbPath, { readonly: true });
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      after.close();
    } finally {
      if (serve && serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
      await fake.close();
    }
  }, 60_000);
});
