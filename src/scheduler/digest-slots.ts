import { Cron } from 'croner';
import type { DigestSchedule } from '../core/digest/digest-types.js';
import { WEEKDAYS } from '../core/digest/digest-types.js';

// A subscription's weekly times, computed by croner in the subscription's
// time zone. croner treats "M H * * D" as a fixed-time job: in a spring-forward
// gap it runs at the first valid time after the gap, and on a repeated
// autumn hour it runs once, so every week has exactly one slot.

const patterns = new Map<string, Cron>();

function cronFor(schedule: DigestSchedule): Cron {
  const key = `${schedule.weekday} ${schedule.time} ${schedule.timezone}`;
  let cron = patterns.get(key);
  if (!cron) {
    const [hours = '0', minutes = '0'] = schedule.time.split(':');
    // paused: croner only does the arithmetic; the scheduler owns the waiting.
    cron = new Cron(`${Number(minutes)} ${Number(hours)} * * ${WEEKDAYS.indexOf(schedule.weekday)}`, { timezone: schedule.timezone, paused: true });
    patterns.set(key, cron);
  }
  return cron;
}

/** The newest slot at or before `now`. */
export function latestSlot(schedule: DigestSchedule, now: Date): Date | null {
  // previousRuns looks strictly before its reference; a second later includes a slot exactly at `now`.
  const [slot] = cronFor(schedule).previousRuns(1, new Date(now.getTime() + 1000));
  return slot && slot.getTime() <= now.getTime() ? slot : null;
}

/** The first slot strictly after `after`. */
export function nextSlot(schedule: DigestSchedule, after: Date): Date | null {
  return cronFor(schedule).nextRun(after);
}
