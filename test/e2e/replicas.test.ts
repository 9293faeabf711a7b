import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { report, until } from './fakes/chaos.js';
import { freePort, spawnServe, stopNow, type ServeProcess } from './fakes/serve-process.js';
import { sharedPostgres, sharedSqliteFile, type SharedStore } from './fakes/shared-store.js';
import { postgresSkipped } from '../helpers/postgres.js';
import { postToSlackApp, slashCommandBody, type SlackResponse } from './fakes/slack-requests.js';
import { startFakeSlackWebApi } from './fakes/slack-web-api.js';

// Two replicas of the real entry point on one database behind one Slack:
// 200 signed slash commands from 20 people, each person's commands sent to
// the two replicas in turn (a load balancer's round robin), a few of them
// retried by Slack to the other replica, and one replica killed with -9 while
// it holds work. The other replica takes that work over once its leases
// lapse. Then every acknowledged command has been answered exactly once, each
// person's commands in the order they were sent, and the weekly digest that
// fell due as both replicas started was posted once.

const SECRET = '0123456789abcdef0123456789abcdef';
const TEAM = 'T0000001';
const FORM = 'application/x-www-form-urlencoded';
const PEOPLE = 20;
const COMMANDS_EACH = 10;
const KILL_AFTER = 100;
const LEASE_SECONDS = 2;
const DIGEST_CHANNEL = 'CDIGEST';
const dir = mkdtempSync(join(tmpdir(), 'sf-replicas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// How engineers describe work when they start: each leaves something to ask about.
const WORKLOADS = [
  'nightly report, 3 minutes',
  'resize images when they are uploaded',
  'webhook receiver for Stripe events',
  'cron job that syncs the CRM every 15 min',
  'PDF invoice generator for the billing team',
] as const;

interface Replica {
  name: 'A' | 'B';
  serve: ServeProcess;
  url: string;
}

interface Sent {
  tag: string;
  person: number;
  acknowledged: boolean;
  via: string;
  afterKill: boolean;
}

/** A subscription whose time passed a minute ago, this week, in a zone where that minute is not across a week boundary. */
function digestDueJustNow(now: Date): { weekday: string; time: string; timezone: string; createdAt: string } {
  const slot = new Date(Math.floor((now.getTime() - 60_000) / 60_000) * 60_000);
  const local = (zone: string, at: Date) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((p) => [p.type, p.value]),
    );
    return { weekday: String(parts.weekday).toLowerCase(), time: `${parts.hour}:${parts.minute}` };
  };
  // Early on a Monday in UTC the minute before is last week's Sunday: New York is still in Sunday then, on both sides.
  const timezone = local('UTC', slot).weekday === 'sunday' && local('UTC', now).weekday === 'monday' ? 'America/New_York' : 'UTC';
  return { ...local(timezone, slot), timezone, createdAt: new Date(slot.getTime() - 3_600_000).toISOString() };
}

async function untilAsync(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Each store, and why its run is skipped (null: it runs). */
const STORES: [string, () => Promise<SharedStore>, string | null][] = [
  ['one SQLite file in WAL mode', async () => sharedSqliteFile(mkdtempSync(join(dir, 'sqlite-'))), null],
  [postgresSkipped ? `one Postgres database (skipped: ${postgresSkipped})` : 'one Postgres database', sharedPostgres, postgresSkipped],
];

describe.each(STORES)('two replicas on %s, one killed with -9 under load', (_name, openStore, skipped) => {
  it.skipIf(skipped !== null)('answers every acknowledged command exactly once, in order per person, and posts the digest once', async () => {
    const fake = await startFakeSlackWebApi();
    const store = await openStore();
    const digest = digestDueJustNow(new Date());
    await store.rows(
      `INSERT INTO digest_subscriptions (id, platform, workspace, channel, weekday, time, timezone, quiet, created_by, created_at)
       VALUES ('sub-replicas', 'slack', '${TEAM}', '${DIGEST_CHANNEL}', '${digest.weekday}', '${digest.time}', '${digest.timezone}', 'one-line', 'U0', '${digest.createdAt}')`,
    );
    const ports = [await freePort(), await freePort()];
    const envOf = (port: number) => ({
      ...store.env,
      SLACK_BOT_TOKEN: 'xoxb-replicas',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      SERVERLESS_FIT_WORKERS: '8',
      SERVERLESS_FIT_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    const started = await Promise.allSettled(ports.map((port) => spawnServe({ env: envOf(port) })));
    const replicas: Replica[] = started.flatMap((s, i) => (s.status === 'fulfilled' ? [{ name: i === 0 ? ('A' as const) : ('B' as const), serve: s.value, url: `http://127.0.0.1:${ports[i]}/slack/events` }] : []));
    try {
      expect(started.map((s) => s.status)).toStrictEqual(['fulfilled', 'fulfilled']);
      const [a, b] = replicas as [Replica, Replica];

      /** What a load balancer does: the chosen replica, or the other one when the chosen one cannot be reached. */
      const deliver = async (body: string, first: Replica, retryNum?: number): Promise<{ response: SlackResponse; via: string } | null> => {
        for (const replica of first === a ? [a, b] : [b, a]) {
          if (replica.serve.gone()) continue;
          try {
            return { response: await postToSlackApp(replica.url, body, FORM, { secret: SECRET, ...(retryNum === undefined ? {} : { retryNum }) }), via: replica.name };
          } catch {
            // Refused or cut off (the replica is being killed): try the other one.
          }
        }
        return null;
      };

      const sent: Sent[] = [];
      const retried: string[] = [];
      let killAt = -1;
      let heldAtKill: string[] = [];
      const killA = (async () => {
        await until(() => sent.length >= KILL_AFTER, 60_000, `${KILL_AFTER} commands sent`);
        // Killed while it holds work: entries leased to it and not finished.
        const heldByA = () =>
          store.rows<{ delivery_id: string }>(`SELECT delivery_id FROM deliveries WHERE lease_holder LIKE '%:${a.serve.child.pid}:%' AND payload IS NOT NULL AND done_at IS NULL`);
        await untilAsync(async () => (heldAtKill = (await heldByA()).map((r) => r.delivery_id)).length > 0, 30_000, 'replica A to hold work');
        a.serve.child.kill('SIGKILL');
        killAt = Date.now();
        await a.serve.exited;
      })();

      // Each person sends their commands one after another (as one person types), alternating replicas; the people all at once.
      await Promise.all(
        Array.from({ length: PEOPLE }, async (_, person) => {
          for (let i = 0; i < COMMANDS_EACH; i += 1) {
            const tag = `[p${person}-${i}]`;
            const body = slashCommandBody({
              text: `${tag} ${WORKLOADS[(person + i) % WORKLOADS.length]}`,
              team: TEAM,
              channel: `C${person % 4}`,
              user: `U${person}`,
              responseUrl: fake.responseUrl(tag),
              triggerId: `${person}${i}.3333.replicas`,
            });
            const first = (person + i) % 2 === 0 ? a : b;
            const outcome = await deliver(body, first);
            sent.push({ tag, person, acknowledged: outcome?.response.status === 200 && outcome.response.body === '', via: outcome?.via ?? 'none', afterKill: killAt >= 0 });
            // Slack retries one command in ten, and the retry reaches the other replica.
            if ((person + i) % 10 === 3) {
              const again = await deliver(body, first === a ? b : a, 1);
              expect([again?.response.status, again?.response.body]).toStrictEqual([200, '']);
              retried.push(tag);
            }
          }
        }),
      );
      await killA;
      expect(sent).toHaveLength(PEOPLE * COMMANDS_EACH);
      const acknowledged = sent.filter((s) => s.acknowledged);
      expect(acknowledged).toHaveLength(sent.length);

      const roots = (tag: string) => fake.messages.filter((m) => !m.threadTs && m.text.includes(tag));
      const replies = (tag: string) => roots(tag).flatMap((root) => fake.messages.filter((m) => m.threadTs === root.ts));
      const answeredOnce = (tag: string) => roots(tag).length === 1 && replies(tag).length === 1;
      await until(() => acknowledged.every((s) => roots(s.tag).length > 0 && replies(s.tag).length > 0), 60_000, 'every acknowledged command answered', () =>
        acknowledged
          .filter((s) => !answeredOnce(s.tag))
          .map((s) => `${s.tag} roots ${roots(s.tag).length} replies ${replies(s.tag).length}`)
          .join('; '),
      );
      const lastAnswerAt = Date.now();
      await untilAsync(async () => (await store.rows<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM deliveries WHERE payload IS NOT NULL AND done_at IS NULL'))[0]!.n === 0, 20_000, 'the inbox to empty');

      const duplicated = sent.filter((s) => roots(s.tag).length > 1 || replies(s.tag).length > 1).map((s) => s.tag);
      // Each person's commands were answered in the order they were sent, whichever replica took each.
      const outOfOrder = Array.from({ length: PEOPLE }, (_, person) => {
        const tags = Array.from({ length: COMMANDS_EACH }, (_, i) => `[p${person}-${i}]`);
        const posted = fake.messages.filter((m) => !m.threadTs && tags.some((t) => m.text.includes(t))).map((m) => tags.find((t) => m.text.includes(t)));
        return posted.join(' ') === tags.join(' ') ? null : `person ${person}: ${posted.join(' ')}`;
      }).filter((x) => x !== null);
      const digestPosts = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === DIGEST_CHANNEL);
      const survivorErrors = b.serve.logs.filter((l) => l.level === 'error').map((l) => `${String(l.msg)} ${JSON.stringify(l).slice(0, 600)}`);
      report(`two replicas on ${store.name}, kill -9 of one under load`, {
        sent: sent.length + retried.length,
        acknowledged: acknowledged.length + retried.length,
        answered: sent.filter((s) => answeredOnce(s.tag)).length,
        duplicated: duplicated.length,
        'retries sent to the other replica': retried.length,
        'held by the killed replica': heldAtKill.length,
        'sent after the kill': sent.filter((s) => s.afterKill).length,
        'ms from the kill to the last answer': Math.max(0, lastAnswerAt - killAt),
        'digest posts': digestPosts.length,
        'stalled deliveries stopped after a takeover': replicas.flatMap((r) => r.serve.logs).filter((l) => String(l.msg).includes('another replica took over')).length,
      });
      expect(duplicated).toStrictEqual([]);
      expect(sent.filter((s) => !answeredOnce(s.tag))).toStrictEqual([]);
      expect(retried.length).toBeGreaterThan(0);
      expect(outOfOrder).toStrictEqual([]);
      // The work the killed replica held was answered (once, as every command was), by the replica left.
      expect(heldAtKill.length).toBeGreaterThan(0);
      expect(digestPosts).toHaveLength(1);
      expect(survivorErrors).toStrictEqual([]);
    } finally {
      for (const replica of replicas) stopNow(replica.serve);
      await Promise.all(replicas.map((r) => r.serve.exited));
      await store.close();
      await fake.close();
    }
  }, 120_000);
});
