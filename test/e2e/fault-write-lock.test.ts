import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { report, until } from './fakes/chaos.js';
import { spawnServe, stopNow } from './fakes/serve-process.js';
import { messageEventBody, postToSlackApp, slashCommandBody } from './fakes/slack-requests.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// Another process holds the database's write lock for 8 s (a backup, a
// migration, a CLI command gone slow). better-sqlite3 blocks the event loop
// while it waits, so the bot waits only briefly inside SQLite and answers
// Slack in time either way: a delivery it could write down is taken, one it
// could not is refused with a sentence (an event is left for Slack to retry).
// Nothing is handled without its record; after the lock everything works.

const SECRET = '0123456789abcdef0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'sf-fault-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('answers every request while another process holds the write lock, and handles nothing without its record', async () => {
  const fake = await startFakeSlackWebApi();
  const dbFile = join(dir, 'locked.db');
  const serve = await spawnServe({ env: { SLACK_BOT_TOKEN: 'xoxb-lock', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', SERVERLESS_FIT_DB: dbFile } });
  const url = serve.url('/slack/events');
  const command = (id: number) =>
    postToSlackApp(url, slashCommandBody({ text: `[w${id}] resize images on upload`, team: 'T0000001', channel: 'C100', user: 'U100', responseUrl: fake.responseUrl(`lock-${id}`) }), 'application/x-www-form-urlencoded', { secret: SECRET });
  const roots = (id: number) => fake.messages.filter((m) => !m.threadTs && m.text.includes(`[w${id}]`));
  try {
    // A conversation to answer in, before the lock.
    expect((await command(0)).status).toBe(200);
    const thread = await fake.waitFor(() => roots(0)[0], 10_000);
    await fake.waitFor(() => fake.messages.find((m) => m.threadTs === thread.ts), 10_000);

    const other = new Database(dbFile);
    other.exec('BEGIN IMMEDIATE');
    let locked = true;
    const released = setTimeout(() => {
      other.exec('COMMIT');
      locked = false;
    }, 8_000);
    const answeredWhileLocked: boolean[] = [];
    const during = [1, 2, 3, 4, 5];
    const responses = await Promise.all(
      during.map(async (id) => {
        const response = await command(id);
        answeredWhileLocked.push(locked);
        return response;
      }),
    );
    const reply = await postToSlackApp(url, messageEventBody({ team: 'T0000001', channel: 'C100', user: 'U200', text: '3000 a day', ts: '1900000000.000001', threadTs: thread.ts, eventId: 'EvLocked' }), 'application/json', { secret: SECRET });
    answeredWhileLocked.push(locked);
    // Every answer came back while the lock was still held: nobody waited for the other process.
    expect(answeredWhileLocked.every(Boolean)).toBe(true);
    const taken = during.filter((_, i) => responses[i]!.body === '');
    const refused = during.filter((_, i) => responses[i]!.body !== '');
    for (const id of refused) expect(JSON.parse(responses[during.indexOf(id)]!.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/could not save your request/) });
    expect(reply.status).toBe(503);

    await until(() => !locked, 20_000, 'the other process to let go');
    clearTimeout(released);
    other.close();
    // Slack retries the event; after the lock, new commands are taken as usual.
    const retried = await postToSlackApp(url, messageEventBody({ team: 'T0000001', channel: 'C100', user: 'U200', text: '3000 a day', ts: '1900000000.000001', threadTs: thread.ts, eventId: 'EvLocked' }), 'application/json', { secret: SECRET, retryNum: 1 });
    expect(retried.status).toBe(200);
    const after = [6, 7];
    for (const id of after) expect(await command(id)).toMatchObject({ status: 200, body: '' });
    const acknowledged = [...taken, ...after];
    await until(() => acknowledged.every((id) => roots(id).length === 1 && fake.messages.some((m) => m.threadTs === roots(id)[0]!.ts)), 20_000, 'the taken commands to be answered');
    await fake.waitFor(() => fake.messages.filter((m) => m.threadTs === thread.ts).length === 2, 10_000);

    // Nothing refused was handled; everything handled has its record.
    expect(refused.flatMap(roots)).toEqual([]);
    const db = new Database(dbFile, { readonly: true });
    const recorded = new Set((db.prepare("SELECT delivery_id FROM deliveries WHERE delivery_id LIKE 'command:%'").all() as { delivery_id: string }[]).map((r) => r.delivery_id));
    db.close();
    const handled = fake.messages.filter((m) => !m.threadTs).length;
    expect(recorded.size).toBe(handled);
    const duplicated = [0, ...during, ...after].filter((id) => roots(id).length > 1).length;
    report('write lock held elsewhere for 8 s', {
      sent: during.length + after.length,
      acknowledged: acknowledged.length,
      answered: acknowledged.filter((id) => roots(id).length === 1).length,
      duplicated,
      'refused while locked': refused.length,
      'event left for retry': Number(reply.status === 503),
    });
    expect(duplicated).toBe(0);
  } finally {
    stopNow(serve);
    await fake.close();
  }
}, 90_000);
