import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDigestService } from '../../src/core/digest/digest-service.js';
import type { Digest, DigestSubscription } from '../../src/core/digest/digest-types.js';
import { createMemoryLogger } from '../../src/logger.js';
import { createDigestScheduler, type DigestDeliveryResult, type DigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import type { Timer } from '../../src/scheduler/timer.js';
import { openDatabase, type Database } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { createSqliteDigestStore } from '../../src/store/sqlite-digest-store.js';
import { assessmentFixture } from '../contract/conversation-store.contract.js';
import { subscriptionFixture } from '../contract/digest-store.contract.js';

// The scheduler driven by a clock and timer the test moves by hand: the
// instants it posts at (through daylight-saving changes), what it does after
// being down, and that two schedulers on one database file post once.

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** A clock and timer that only move when the test says so. */
function manualTime(start: string) {
  let now = Date.parse(start);
  let seq = 0;
  const pending = new Map<number, { at: number; fire: () => void }>();
  const timer: Timer = {
    set(fire, delayMs) {
      seq += 1;
      pending.set(seq, { at: now + delayMs, fire });
      return seq;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    clock: { now: () => new Date(now) },
    timer,
    set(iso: string) {
      now = Date.parse(iso);
    },
    /** Moves to `iso`, firing every timer that falls due on the way, each at its own instant. */
    async advanceTo(iso: string, schedulers: DigestScheduler[]) {
      const target = Date.parse(iso);
      // A scheduler arms its timer when its current look is done.
      for (const s of schedulers) await s.idle();
      for (;;) {
        const [id, next] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (id === undefined || !next || next.at > target) break;
        pending.delete(id);
        now = Math.max(now, next.at);
        next.fire();
        for (const s of schedulers) await s.idle();
      }
      now = target;
    },
  };
}

type Post = { at: string; channel: string; window: Digest['window']; late: Digest['late']; quiet: boolean };

function tempDbFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-fit-scheduler-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'bot.db');
}

/** One bot process: its own connection to the file, its own scheduler. */
function botProcess(file: string, time: ReturnType<typeof manualTime>, posts: Post[], options: { failWith?: string; name?: string } = {}) {
  const db: Database = openDatabase(file);
  cleanups.push(() => db.close());
  const store = createSqliteDigestStore(db);
  const logger = createMemoryLogger();
  const digests = createDigestService({ store, catalog: { version: 'test', asOf: '2026-11-01' }, clock: time.clock, newId: () => 'unused' });
  const scheduler = createDigestScheduler({
    store,
    digests,
    clock: time.clock,
    timer: time.timer,
    logger,
    instanceId: options.name ?? 'bot',
    // Long sleeps: the test sees only wake-ups for slots, not the once-a-minute look.
    maxSleepMs: 8 * 24 * 3_600_000,
    deliver: async (subscription: DigestSubscription, digest: Digest): Promise<DigestDeliveryResult> => {
      if (options.failWith) return { ok: false, reason: options.failWith };
      posts.push({ at: time.clock.now().toISOString(), channel: subscription.channel, window: digest.window, late: digest.late, quiet: digest.quiet });
      return { ok: true };
    },
  });
  cleanups.push(() => scheduler.stop());
  return { db, store, scheduler, logger, conversations: createSqliteConversationStore(db) };
}

async function setup(start: string, subscription: Partial<DigestSubscription>) {
  const time = manualTime(start);
  const posts: Post[] = [];
  const file = tempDbFile();
  const bot = botProcess(file, time, posts);
  await bot.store.subscribe(subscriptionFixture({ createdAt: start, ...subscription }));
  await bot.conversations.recordAssessment(assessmentFixture({ workspace: 'T-acme', at: '2026-01-05T10:00:00.000Z' }));
  return { time, posts, file, bot };
}

describe('digest scheduler: when it posts', () => {
  it.each([
    // [what, subscription, from, to, the instants (UTC) it posts at]
    ['Monday 09:00 Berlin into summer time', { weekday: 'monday', time: '09:00', timezone: 'Europe/Berlin' }, '2026-03-14T00:00:00Z', '2026-04-07T00:00:00Z',
      ['2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z']],
    ['Monday 09:00 Berlin back to winter time', { weekday: 'monday', time: '09:00', timezone: 'Europe/Berlin' }, '2026-10-18T00:00:00Z', '2026-11-03T00:00:00Z',
      ['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z']],
    // 02:30 does not exist on 29 March in Berlin: it runs at the first valid time after the gap (03:00 CEST).
    ['Sunday 02:30 Berlin across the spring gap', { weekday: 'sunday', time: '02:30', timezone: 'Europe/Berlin' }, '2026-03-21T00:00:00Z', '2026-04-06T00:00:00Z',
      ['2026-03-22T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-04-05T00:30:00.000Z']],
    // 02:30 happens twice on 25 October: once is enough.
    ['Sunday 02:30 Berlin across the repeated autumn hour', { weekday: 'sunday', time: '02:30', timezone: 'Europe/Berlin' }, '2026-10-17T00:00:00Z', '2026-11-02T00:00:00Z',
      ['2026-10-18T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z']],
    ['Friday 17:00 New York across its own change (1 Nov)', { weekday: 'friday', time: '17:00', timezone: 'America/New_York' }, '2026-10-25T00:00:00Z', '2026-11-08T00:00:00Z',
      ['2026-10-30T21:00:00.000Z', '2026-11-06T22:00:00.000Z']],
  ] as const)('%s', async (_, schedule, from, to, expected) => {
    const { time, posts, bot } = await setup(from, schedule);
    bot.scheduler.start();
    await bot.scheduler.idle();
    await time.advanceTo(to, [bot.scheduler]);
    expect(posts.map((p) => p.at)).toEqual(expected);
    expect(posts.every((p) => p.late === null)).toBe(true);
  });

  it('covers the 7 days before its time', async () => {
    const { time, posts, bot } = await setup('2026-11-20T00:00:00Z', { weekday: 'monday', time: '09:00', timezone: 'Europe/Berlin' });
    bot.scheduler.start();
    await time.advanceTo('2026-11-24T00:00:00Z', [bot.scheduler]);
    expect(posts.map((p) => p.window)).toEqual([{ since: '2026-11-16T08:00:00.000Z', until: '2026-11-23T08:00:00.000Z' }]);
  });

  it('waits for next week when subscribed after this week\'s time', async () => {
    const { time, posts, bot } = await setup('2026-11-25T12:00:00Z', { weekday: 'monday', time: '09:00', timezone: 'UTC' });
    bot.scheduler.start();
    await time.advanceTo('2026-11-30T08:59:00Z', [bot.scheduler]);
    expect(posts).toEqual([]);
    await time.advanceTo('2026-11-30T10:00:00Z', [bot.scheduler]);
    expect(posts.map((p) => p.at)).toEqual(['2026-11-30T09:00:00.000Z']);
  });
});

describe('digest scheduler: changing the schedule', () => {
  it('moving this week\'s time later after the digest went out does not post it twice', async () => {
    const { time, posts, bot } = await setup('2026-11-22T00:00:00Z', { weekday: 'monday', time: '09:00', timezone: 'UTC' });
    bot.scheduler.start();
    await time.advanceTo('2026-11-23T10:00:00Z', [bot.scheduler]);
    const digests = createDigestService({ store: bot.store, catalog: { version: 'test', asOf: '2026-11-01' }, clock: time.clock, newId: () => 'new-id' });
    const reply = await digests.command({ platform: 'slack', workspace: 'T-acme', channel: 'C-eng', user: 'U-bob', text: 'subscribe monday 15:00 UTC' });
    expect(reply).toMatchObject({ kind: 'notice', text: expect.stringContaining('Updated: this channel gets the weekly cost digest Mondays at 15:00 (UTC)') });
    await time.advanceTo('2026-12-01T00:00:00Z', [bot.scheduler]);
    expect(posts.map((p) => p.at)).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-30T15:00:00.000Z']);
  });
});

describe('digest scheduler: after being down', () => {
  it('sends a run missed this week at the next start, marked late; a week missed entirely stays missed', async () => {
    const { time, posts, file, bot } = await setup('2026-11-01T00:00:00Z', { weekday: 'monday', time: '09:00', timezone: 'UTC' });
    bot.scheduler.start();
    await time.advanceTo('2026-11-03T00:00:00Z', [bot.scheduler]);
    bot.scheduler.stop();

    // Down from 3 Nov to Wednesday 18 Nov: the 9 Nov run is lost, the 16 Nov one is still this week.
    time.set('2026-11-18T14:00:00Z');
    const restarted = botProcess(file, time, posts);
    restarted.scheduler.start();
    await restarted.scheduler.idle();
    await time.advanceTo('2026-11-24T00:00:00Z', [restarted.scheduler]);

    expect(posts.map((p) => [p.at, p.late?.scheduledAt ?? null])).toEqual([
      ['2026-11-02T09:00:00.000Z', null],
      ['2026-11-18T14:00:00.000Z', '2026-11-16T09:00:00.000Z'],
      ['2026-11-23T09:00:00.000Z', null],
    ]);
    // The late digest covers the week it was due for, not the week it was sent in.
    expect(posts[1]?.window).toEqual({ since: '2026-11-09T09:00:00.000Z', until: '2026-11-16T09:00:00.000Z' });
    expect(await restarted.store.lastRun('sub-1')).toMatchObject({ week: '2026-W48', status: 'sent', late: false });
    expect(restarted.logger.entries.map((e) => e.message)).toContain('digest posted late');
  });

  it('tells the operator at start about a week that was missed entirely', async () => {
    const { time, posts, file, bot } = await setup('2026-11-01T00:00:00Z', { weekday: 'monday', time: '09:00', timezone: 'UTC' });
    bot.scheduler.start();
    await time.advanceTo('2026-11-03T00:00:00Z', [bot.scheduler]);
    bot.scheduler.stop();
    // Down from 3 Nov to Monday 16 Nov 08:00: the 9 Nov run's week is over, the 16 Nov run not yet due.
    time.set('2026-11-16T08:00:00Z');
    const restarted = botProcess(file, time, posts);
    restarted.scheduler.start();
    await restarted.scheduler.idle();
    expect(posts).toHaveLength(1);
    expect(restarted.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'digest missed: the bot was down for its whole week, so it is not sent late', fields: expect.objectContaining({ week: '2026-W46' }) }),
    );
  });

  it('a restart on the same day does not post again', async () => {
    const { time, posts, file, bot } = await setup('2026-11-22T00:00:00Z', { weekday: 'monday', time: '09:00', timezone: 'UTC' });
    bot.scheduler.start();
    await time.advanceTo('2026-11-23T10:00:00Z', [bot.scheduler]);
    bot.scheduler.stop();
    const restarted = botProcess(file, time, posts);
    restarted.scheduler.start();
    await restarted.scheduler.idle();
    await time.advanceTo('2026-11-29T23:00:00Z', [restarted.scheduler]);
    expect(posts.map((p) => p.at)).toEqual(['2026-11-23T09:00:00.000Z']);
  });

  it('the week is the subscription\'s own: Sunday night in Tokyo is already next week', async () => {
    // Sunday 23:00 Tokyo = 14:00 UTC Sunday; back at 15:30 UTC Sunday = 00:30 Monday in Tokyo: too late.
    const { time, posts, bot } = await setup('2026-11-20T00:00:00Z', { weekday: 'sunday', time: '23:00', timezone: 'Asia/Tokyo' });
    time.set('2026-11-22T15:30:00Z');
    bot.scheduler.start();
    await bot.scheduler.idle();
    expect(posts).toEqual([]);
  });
});

describe('digest scheduler: outcomes', () => {
  it.each([
    ['one-line', 1, 'sent'],
    ['skip', 0, 'skipped'],
  ] as const)('a quiet week with quiet=%s posts %i digests (%s)', async (quiet, count, status) => {
    const { time, posts, bot } = await setup('2026-06-01T00:00:00Z', { weekday: 'monday', time: '09:00', timezone: 'UTC', quiet });
    bot.scheduler.start();
    await time.advanceTo('2026-06-01T10:00:00Z', [bot.scheduler]);
    expect(posts).toHaveLength(count);
    expect(posts.every((p) => p.quiet)).toBe(true);
    expect((await bot.store.lastRun('sub-1'))?.status).toBe(status);
  });

  it('a refused post is recorded and logged, and not retried that week', async () => {
    const time = manualTime('2026-11-22T00:00:00Z');
    const posts: Post[] = [];
    const bot = botProcess(tempDbFile(), time, posts, { failWith: 'not_in_channel' });
    await bot.store.subscribe(subscriptionFixture({ timezone: 'UTC', createdAt: '2026-11-22T00:00:00Z' }));
    bot.scheduler.start();
    await time.advanceTo('2026-11-23T09:00:00Z', [bot.scheduler]);
    expect(await bot.scheduler.tick()).toEqual([]);
    expect(await bot.store.lastRun('sub-1')).toMatchObject({ status: 'failed', detail: 'not_in_channel' });
    expect(bot.logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'digest could not be posted' }));
  });
});

describe('digest scheduler: two processes on one database file', () => {
  it('post each week once between them', async () => {
    const time = manualTime('2026-11-01T00:00:00Z');
    const posts: Post[] = [];
    const file = tempDbFile();
    const a = botProcess(file, time, posts, { name: 'a' });
    const b = botProcess(file, time, posts, { name: 'b' });
    await a.store.subscribe(subscriptionFixture({ timezone: 'UTC', createdAt: '2026-11-01T00:00:00Z' }));
    await b.store.subscribe(subscriptionFixture({ id: 'sub-2', channel: 'C-ops', weekday: 'tuesday', timezone: 'UTC', createdAt: '2026-11-01T00:00:00Z' }));
    a.scheduler.start();
    b.scheduler.start();
    await time.advanceTo('2026-11-25T00:00:00Z', [a.scheduler, b.scheduler]);
    expect(posts.map((p) => `${p.channel} ${p.at}`).sort()).toEqual([
      'C-eng 2026-11-02T09:00:00.000Z',
      'C-eng 2026-11-09T09:00:00.000Z',
      'C-eng 2026-11-16T09:00:00.000Z',
      'C-eng 2026-11-23T09:00:00.000Z',
      'C-ops 2026-11-03T09:00:00.000Z',
      'C-ops 2026-11-10T09:00:00.000Z',
      'C-ops 2026-11-17T09:00:00.000Z',
      'C-ops 2026-11-24T09:00:00.000Z',
    ]);
  });

  it('ticking at the very same instant, only one claims the run', async () => {
    const time = manualTime('2026-11-23T09:00:00Z');
    const posts: Post[] = [];
    const file = tempDbFile();
    const a = botProcess(file, time, posts, { name: 'a' });
    const b = botProcess(file, time, posts, { name: 'b' });
    await a.store.subscribe(subscriptionFixture({ timezone: 'UTC', createdAt: '2026-11-01T00:00:00Z' }));
    const outcomes = await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
    expect(outcomes.flat()).toEqual([{ subscriptionId: 'sub-1', week: '2026-W48', status: 'sent', late: false }]);
    expect(posts).toHaveLength(1);
  });
});
