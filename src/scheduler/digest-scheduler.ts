import type { Digest, DigestSubscription } from '../core/digest/digest-types.js';
import type { DigestService } from '../core/digest/digest-service.js';
import { formatIsoWeek, isoWeekIn, windowEndingAt } from '../core/digest/iso-week.js';
import type { Clock, DigestStore } from '../core/ports.js';
import type { Logger } from '../logger.js';
import { latestSlot, nextSlot } from './digest-slots.js';
import { systemTimer, type Timer } from './timer.js';

// Posts each subscription's digest once per week at its time in its zone.
// Every tick looks at each subscription's latest slot: when it falls in the
// current week (of that zone) and nobody has claimed it yet, this process
// claims it (a primary-key insert, so of several schedulers on one database
// file exactly one wins) and delivers. A slot that passed while the bot was
// down is therefore sent at the next start within the same week, marked late;
// once the week is over it is left alone.

export type DigestDeliveryResult = { ok: true } | { ok: false; reason: string };

/** Posts a digest into the subscription's channel, through the platform the subscription was made on. */
export type DigestDeliverer = (subscription: DigestSubscription, digest: Digest) => Promise<DigestDeliveryResult>;

export interface DigestSchedulerDeps {
  store: DigestStore;
  digests: Pick<DigestService, 'build'>;
  deliver: DigestDeliverer;
  clock: Clock;
  logger: Logger;
  timer?: Timer;
  /** Names this process in the claim rows, for the operator. */
  instanceId?: string;
  /** How long after its time a run counts as late (default 10 minutes). */
  lateAfterMs?: number;
  /** Longest wait between looks at the subscriptions, so ones added by another process are seen (default 60 s). */
  maxSleepMs?: number;
}

export type DigestRunOutcome = {
  subscriptionId: string;
  week: string;
  status: 'sent' | 'skipped' | 'failed';
  late: boolean;
};

export interface DigestScheduler {
  /** Catches up on this week's missed runs, then keeps waking up for the next ones. */
  start(): void;
  stop(): void;
  /** One look at every subscription now; resolves with what this process posted. */
  tick(): Promise<DigestRunOutcome[]>;
  /** Resolves when the tick in progress (if any) has finished. */
  idle(): Promise<void>;
}

export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const { store, clock, logger } = deps;
  const timer = deps.timer ?? systemTimer;
  const instanceId = deps.instanceId ?? 'scheduler';
  const lateAfterMs = deps.lateAfterMs ?? 10 * 60_000;
  const maxSleepMs = deps.maxSleepMs ?? 60_000;
  let handle: unknown = null;
  let running = false;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function runOne(subscription: DigestSubscription, now: Date): Promise<DigestRunOutcome | null> {
    const slot = latestSlot(subscription, now);
    // Subscribing after this week's time waits for next week rather than posting at once.
    if (!slot || slot.toISOString() < subscription.createdAt) return null;
    const week = formatIsoWeek(isoWeekIn(slot, subscription.timezone));
    if (week !== formatIsoWeek(isoWeekIn(now, subscription.timezone))) return null;
    const late = now.getTime() - slot.getTime() > lateAfterMs;
    const scheduledAt = slot.toISOString();
    if (!(await store.claimRun({ subscriptionId: subscription.id, week, scheduledAt, claimedAt: now.toISOString(), claimedBy: instanceId, late }))) {
      return null;
    }
    const finish = async (status: DigestRunOutcome['status'], detail?: string): Promise<DigestRunOutcome> => {
      await store.finishRun(subscription.id, week, { status, at: clock.now().toISOString(), ...(detail ? { detail } : {}) });
      return { subscriptionId: subscription.id, week, status, late };
    };
    const where = { subscriptionId: subscription.id, platform: subscription.platform, workspace: subscription.workspace, channel: subscription.channel, week };
    try {
      const digest = await deps.digests.build({
        platform: subscription.platform,
        workspace: subscription.workspace,
        window: windowEndingAt(slot),
        late: late ? { scheduledAt } : null,
      });
      if (digest.quiet && subscription.quiet === 'skip') {
        logger.info('digest skipped: a quiet week', where);
        return finish('skipped', 'quiet week');
      }
      const result = await deps.deliver(subscription, digest);
      if (!result.ok) {
        logger.warn('digest could not be posted', { ...where, reason: result.reason });
        return finish('failed', result.reason);
      }
      logger.info(late ? 'digest posted late' : 'digest posted', { ...where, scheduledAt });
      return finish('sent');
    } catch (error) {
      logger.error('digest run failed', { ...where, error });
      return finish('failed', error instanceof Error ? error.message : String(error));
    }
  }

  /** At start only: tells the operator about a week whose run fell entirely in the downtime. */
  async function reportMissedWeek(subscription: DigestSubscription, now: Date): Promise<void> {
    const slot = latestSlot(subscription, now);
    if (!slot || slot.toISOString() < subscription.createdAt) return;
    const week = formatIsoWeek(isoWeekIn(slot, subscription.timezone));
    if (week === formatIsoWeek(isoWeekIn(now, subscription.timezone))) return;
    const last = await store.lastRun(subscription.id);
    if (last && last.scheduledAt >= slot.toISOString()) return;
    logger.warn('digest missed: the bot was down for its whole week, so it is not sent late', {
      subscriptionId: subscription.id,
      platform: subscription.platform,
      workspace: subscription.workspace,
      channel: subscription.channel,
      week,
      scheduledAt: slot.toISOString(),
    });
  }

  async function tick(options: { starting?: boolean } = {}): Promise<DigestRunOutcome[]> {
    const now = clock.now();
    const outcomes: DigestRunOutcome[] = [];
    let subscriptions: DigestSubscription[];
    try {
      subscriptions = await store.allSubscriptions();
    } catch (error) {
      logger.error('digest scheduler could not read the subscriptions', { error });
      return outcomes;
    }
    for (const subscription of subscriptions) {
      try {
        if (options.starting) await reportMissedWeek(subscription, now);
        const outcome = await runOne(subscription, now);
        if (outcome) outcomes.push(outcome);
      } catch (error) {
        // A failed claim or bad time zone affects that subscription only.
        logger.error('digest scheduler skipped a subscription', { subscriptionId: subscription.id, error });
      }
    }
    return outcomes;
  }

  async function delayUntilNext(): Promise<number> {
    const now = clock.now();
    let delay = maxSleepMs;
    try {
      for (const subscription of await store.allSubscriptions()) {
        const next = nextSlot(subscription, now);
        if (next) delay = Math.min(delay, next.getTime() - now.getTime());
      }
    } catch (error) {
      logger.error('digest scheduler could not plan its next wake-up', { error });
    }
    return Math.max(0, delay);
  }

  async function arm(): Promise<void> {
    if (!running) return;
    const delay = await delayUntilNext();
    // Stopped (or armed by another tick) while the subscriptions were read.
    if (!running || handle !== null) return;
    handle = timer.set(() => {
      handle = null;
      inFlight = tick().finally(arm);
    }, delay);
  }

  return {
    start() {
      if (running) return;
      running = true;
      inFlight = tick({ starting: true }).finally(arm);
    },
    stop() {
      running = false;
      if (handle !== null) timer.clear(handle);
      handle = null;
    },
    tick: () => tick(),
    async idle() {
      await inFlight.catch(() => undefined);
    },
  };
}
