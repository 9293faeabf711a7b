import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_SIGNATURE, type ChatDriver } from './chat-driver.js';
import { discordUser } from './discord-driver.js';
import type { ServeProcess } from './serve-process.js';

// What every platform must do as deployed, written once: the process-level
// test files start the real entry point (env vars only) against the fakes and
// run these against each platform's driver. Checks read what the user saw
// (through the fakes) and what was saved (the SQLite file, read-only).

export const REVIEW_COMPONENTS = [
  'image pipeline: resize uploads, 2 s, 3k/day',
  'checkout api: REST API, 200 req/s 24/7, 80 ms, connection pool to Postgres',
  'stripe webhook: 300 ms, 20k a month',
] as const;

function rows<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** An assessment ends in a card with the cost chart attached as a PNG, and is saved complete. */
export async function assessmentWithChart(driver: ChatDriver, dbFile: string, user: string): Promise<void> {
  const place = driver.place();
  const outcome = await driver.assess(user, place, 'resize images on upload, about 2 s each, 3000 a day');
  expect(outcome.cardText).toMatch(/Monthly cost/);
  expect(outcome.cardText).toMatch(/fit|marginal|avoid/i);
  expect(outcome.chart?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(outcome.chart?.length ?? 0).toBeGreaterThan(1000);
  const saved = rows<{ status: string; assessments: number }>(
    dbFile,
    'SELECT c.status, (SELECT count(*) FROM assessments a WHERE a.conversation_id = c.id) AS assessments FROM conversations c WHERE c.platform = ? AND c.channel = ?',
    driver.platform,
    place,
  );
  expect(saved).toEqual([{ status: 'complete', assessments: 1 }]);
}

/** A design review with three components, each interviewed and assessed, all on its living card. */
export async function threeComponentReview(driver: ChatDriver, dbFile: string, user: string): Promise<void> {
  const place = driver.place();
  const card = await driver.review(user, place, 'checkout platform', REVIEW_COMPONENTS);
  for (const name of ['image pipeline', 'checkout api', 'stripe webhook']) expect(card).toContain(name);
  expect(card).toMatch(/Recommended hybrid plan/);
  const [review] = rows<{ components: string }>(dbFile, "SELECT components FROM reviews WHERE platform = ? AND channel = ? AND name = 'checkout platform'", driver.platform, place);
  expect((JSON.parse(review?.components ?? '[]') as unknown[]).length).toBe(3);
}

/** `digest preview` shows this week's digest privately; `digest subscribe` stores the channel's schedule. */
export async function digestPreviewAndSubscribe(driver: ChatDriver, dbFile: string, user: string): Promise<void> {
  const place = driver.place();
  expect(await driver.privately(user, place, 'digest preview')).toMatch(/Weekly cost digest/);
  expect(await driver.privately(user, place, 'digest subscribe')).toMatch(/gets the weekly cost digest/);
  const subscribed = rows<{ weekday: string; time: string }>(dbFile, 'SELECT weekday, time FROM digest_subscriptions WHERE platform = ? AND channel = ?', driver.platform, place);
  expect(subscribed).toEqual([{ weekday: 'monday', time: '09:00' }]);
}

/** forget-me deletes what the person saved, and says so privately. */
export async function forgetMe(driver: ChatDriver, dbFile: string, user: string): Promise<void> {
  const place = driver.place();
  await driver.assess(user, place, 'nightly cleanup job, 3 minutes, once a day');
  const mine = () => rows(dbFile, 'SELECT id FROM conversations WHERE platform = ? AND user = ?', driver.platform, userIdOf(driver, user)).length;
  expect(mine()).toBeGreaterThan(0);
  expect(await driver.privately(user, place, 'forget-me')).toMatch(/Deleted \d+ conversations? you started/);
  expect(mine()).toBe(0);
}

/** The id the platform gives `user` (Discord ids are snowflakes). */
function userIdOf(driver: ChatDriver, user: string): string {
  return driver.platform === 'discord' ? discordUser(user) : user;
}

/** One spawned bot and what talks to it. */
export interface DeployedWorld {
  serve: ServeProcess;
  dbFile: string;
  drivers: Partial<Record<ChatDriver['platform'], ChatDriver>>;
  /** Started through npm, which may end by the signal its group was sent once the bot has exited. */
  viaNpm?: boolean;
  close(): Promise<void>;
}

/**
 * Every scenario on every listed platform, sharing one spawned process; it
 * is stopped at the end as an orchestrator would, and must stop cleanly.
 */
export function deployedScenarios(label: string, platforms: readonly ChatDriver['platform'][], boot: () => Promise<DeployedWorld>): void {
  describe(label, () => {
    let world: DeployedWorld;
    beforeAll(async () => {
      world = await boot();
    }, 60_000);
    afterAll(async () => {
      if (!world) return;
      world.serve.signal('SIGTERM');
      const code = await world.serve.exited;
      const integrity = rows(world.dbFile, 'PRAGMA integrity_check');
      await world.close();
      expect(world.viaNpm ? [0, 'SIGTERM'] : [0]).toContain(code);
      expect(world.serve.logs.map((l) => l.msg)).toContain('stopped cleanly');
      expect(integrity).toEqual([{ integrity_check: 'ok' }]);
    }, 30_000);

    const driver = (platform: ChatDriver['platform']) => {
      const found = world.drivers[platform];
      if (!found) throw new Error(`no ${platform} driver`);
      return found;
    };
    for (const platform of platforms) {
      it(`${platform}: an assessment ends in a card with its chart`, () => assessmentWithChart(driver(platform), world.dbFile, 'U1'), 30_000);
      it(`${platform}: a three-component design review`, () => threeComponentReview(driver(platform), world.dbFile, 'U2'), 30_000);
      it(`${platform}: a digest preview and a subscription`, () => digestPreviewAndSubscribe(driver(platform), world.dbFile, 'U3'), 30_000);
      it(`${platform}: forget-me`, () => forgetMe(driver(platform), world.dbFile, 'U4'), 30_000);
    }
  });
}
