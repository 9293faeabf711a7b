import { readBands } from './bands.js';
import { formatCount } from './format.js';
import { fromPeakAndAverage, peakAndAverage } from './peak-average.js';
import { findRates, perHour } from './rates.js';
import { findSchedules } from './schedules.js';
import type { Claims } from './spans.js';
import { fromBands, fromRate, fromSchedule, type TrafficRead } from './traffic-shapes.js';

// Turns the rates, bands and schedules found in the text into one Traffic
// value. Bands win (they are the most detailed); otherwise whichever of a rate
// or an explicit schedule the person mentioned first.

export type { TrafficRead } from './traffic-shapes.js';

/** Rates above this are typos or jokes (a billion requests a second). */
const MAX_PER_HOUR = 3.6e12;

export function readTraffic(text: string, claims: Claims): TrafficRead {
  const rates = findRates(text, claims);
  for (const r of rates) claims.claim(r.start, r.end);
  const schedules = findSchedules(text, claims);
  for (const s of schedules) claims.claim(s.start, s.end);

  const unread: string[] = [];
  const sane = rates.filter((r) => {
    if (perHour(r) <= MAX_PER_HOUR) return true;
    unread.push(`I could not use "${formatCount(r.high)} per ${r.period}": that is more than a billion requests a second.`);
    return false;
  });
  const bands = readBands(text, sane);
  if (bands) return withUnread(fromBands(bands), unread);

  const rate = sane[0];
  const schedule = schedules.find((s) => s.strong) ?? (rate ? undefined : schedules[0]);
  if (rate && (!schedule || rate.start < schedule.start)) {
    const { peak, average } = peakAndAverage(text, sane);
    if (peak && average && perHour(peak) > perHour(average)) return withUnread(fromPeakAndAverage(peak, average), unread);
    if (peak && !average && peak === rate) {
      unread.push("I used the peak rate for every hour; give the average too, or the busy hours (e.g. '9am-5pm 5k/s, 200/s otherwise'), for a fairer estimate.");
      const read = fromRate(peak);
      return withUnread(relabel(read, ', all day', ' at peak, assumed all day'), unread);
    }
    return withUnread(fromRate(average ?? rate), unread);
  }
  if (schedule) return withUnread(fromSchedule(schedule), unread);
  return { traffic: null, heard: '', unread };
}

function withUnread(read: TrafficRead, unread: string[]): TrafficRead {
  return { ...read, unread: [...read.unread, ...unread] };
}

function relabel(read: TrafficRead, from: string, to: string): TrafficRead {
  if (!read.traffic) return read;
  return { ...read, traffic: { ...read.traffic, echo: read.traffic.echo.replace(from, to) }, heard: read.heard.replace(from, to) };
}
