import { createAdvisor } from '../../src/core/advisor.js';
import type { ConversationKey } from '../../src/core/conversation.js';
import { openSqliteStorage } from '../../src/store/sqlite-storage.js';
import { shippedCatalog } from './cost-fixtures.js';

// A SQLite file with every table filled through the ports, the way a bot
// that has served a few teams for a while would have it: finished and
// half-finished conversations in three workspaces (a Slack team, a Discord
// guild, a Discord DM), a design review with its trail, digest subscriptions
// and their claimed, sent and late runs, settings, and deliveries in every
// state (claimed only, worked with effects, waiting in the inbox).

/** What engineers type, as they type it. */
export const CONVERSATIONS: readonly { key: ConversationKey; text: string; reply?: string }[] = [
  { key: key('slack', 'T0001', 'C100', '1700000000.0001', 'U1'), text: 'REST API, 1000 rps 24/7, 100 ms, 1 GB, calls Postgres, no state, p99 300 ms, 40 MB package' },
  { key: key('slack', 'T0001', 'C100', '1700000000.0002', 'U2'), text: 'resize images on upload, ~2s each, 3k/day', reply: 'none' },
  { key: key('slack', 'T0001', 'C200', '1700000000.0003', 'U1'), text: 'nightly ETL job — 45 min, 8 GB RAM, "pandas" + numpy 🐼' },
  { key: key('discord', '900000000000000001', '800000000000000001', '800000000000000099', '700000000000000001'), text: 'websocket chat server, 20k concurrent connections' },
  { key: key('discord', '@me:700000000000000002', 'dm', 'dm-1', '700000000000000002'), text: "stripe webhook handler, 5k/day, 300ms, it's spiky on Black Friday" },
];

function key(platform: string, workspace: string, channel: string, thread: string, user: string): ConversationKey {
  return { platform, workspace, channel, thread, user };
}

/** Fills `file` (created) and closes it. */
export async function populateSqlite(file: string): Promise<void> {
  const storage = openSqliteStorage(file);
  let now = new Date('2026-11-23T09:00:00.000Z');
  const clock = { now: () => (now = new Date(now.getTime() + 61_000)) };
  let counter = 0;
  const advisor = createAdvisor({
    store: storage.conversations,
    reviews: storage.reviews,
    settings: storage.settings,
    catalog: shippedCatalog(),
    clock,
    // Scattered like random ids, so id order is not insertion order.
    newId: () => ((++counter * 2_654_435_761) % 2 ** 32).toString(16).padStart(8, '0'),
  });
  try {
    await storage.settings.setRegion('slack', 'T0001', 'eu-central-1', 'U1', '2026-11-20T08:00:00.000Z');
    await storage.settings.setRegion('discord', '900000000000000001', null, '700000000000000001', '2026-11-20T08:30:00.000Z');
    for (const { key: k, text, reply } of CONVERSATIONS) {
      await advisor.handle({ key: k, event: { kind: 'start', text }, actor: k.user });
      if (reply) await advisor.handle({ key: k, event: { kind: 'message', text: reply }, actor: k.user });
    }
    const review = { platform: 'slack', workspace: 'T0001', channel: 'C300', thread: '1700000000.0100', user: 'U3' };
    await advisor.handle({ key: review, event: { kind: 'review-open', name: 'checkout platform' }, actor: 'U3' });
    await advisor.handle({ key: review, event: { kind: 'message', text: '- stripe webhook: 5k/day, 300 ms\n- nightly report: every night, 45 minutes' }, actor: 'U3' });

    const weekly = { weekday: 'monday', time: '09:00', quiet: 'one-line', createdBy: 'U1', createdAt: '2026-11-02T10:00:00.000Z' } as const;
    await storage.digestStore.subscribe({ ...weekly, id: 'sub-slack', platform: 'slack', workspace: 'T0001', channel: 'C100', timezone: 'Europe/Berlin' });
    await storage.digestStore.subscribe({ ...weekly, id: 'sub-discord', platform: 'discord', workspace: '900000000000000001', channel: '800000000000000001', timezone: 'UTC', quiet: 'skip' });
    const run = (week: string, late: boolean) => ({ subscriptionId: 'sub-slack', week, scheduledAt: '2026-11-16T08:00:00.000Z', claimedAt: '2026-11-16T08:00:01.000Z', claimedBy: 'web-1:4242', late });
    await storage.digestStore.claimRun(run('2026-W47', false));
    await storage.digestStore.finishRun('sub-slack', '2026-W47', { status: 'sent', at: '2026-11-16T08:00:03.000Z' });
    await storage.digestStore.claimRun(run('2026-W48', true));

    const { ledger } = storage;
    await ledger.claim('slack', 'T0001', 'event:Ev0001', '2026-11-23T09:00:00.000Z');
    await ledger.claimWork('discord', '900000000000000001', 'interaction:1', '2026-11-23T09:01:00.000Z', { kind: 'command', text: 'help' });
    const worked = { platform: 'discord', workspace: '900000000000000001', deliveryId: 'interaction:1' };
    await ledger.beginEffect(worked, 'post-root', '2026-11-23T09:01:01.000Z');
    await ledger.recordEffect(worked, 'post-root', { ts: '1700000000.0200', ok: true, nothing: null }, '2026-11-23T09:01:02.000Z');
    await ledger.recordEffect(worked, 'save-answer', null, '2026-11-23T09:01:03.000Z');
    await ledger.enqueueAll([
      { platform: 'slack', workspace: 'T0001', deliveryId: 'command:abc', at: '2026-11-23T09:02:00.000Z', lane: 'slack/T0001/C100/1700000000.0001', payload: { text: 'what if 2000 rps' }, raw: { body: 'token=x&text=what+if' } },
      { platform: 'slack', workspace: 'T0001', deliveryId: 'command:def', at: '2026-11-23T09:02:01.000Z', lane: 'slack/T0001/C100/1700000000.0002', payload: { text: 'ünïcödé ✓' }, raw: null },
    ]);
    await ledger.complete('slack', 'T0001', 'command:abc', '2026-11-23T09:02:05.000Z');
  } finally {
    await storage.close();
  }
}
