import { averageDay, flatProfile, peakHourRequests } from '../traffic.js';
import type { Traffic } from '../workload.js';
import { readBands } from './bands.js';
import { formatCountGrouped, roundToSignificant } from '../format.js';
import { fromDayAndNight, fromLonePeak, fromPeakAndAverage, peakAndAverage, timesRate } from './peak-average.js';
import { findBareRates, findRates, perHour, type RateMatch } from './rates.js';
import { findSchedules, type ScheduleMatch } from './schedules.js';
import type { Claims } from './spans.js';
import { after, before, clauseBounds } from './text.js';
import { findSpike, type SpikeRead } from './spikes.js';
import { fromBands, fromRate, fromSchedule, monthly, type TrafficRead } from './traffic-shapes.js';

// Turns the rates, bands and schedules found in the text into one Traffic
// value. Bands win (they are the most detailed); then labelled rates (peak,
// average, night, a peak ratio); otherwise whichever of a rate or an explicit
// schedule the person mentioned first. A surge ("Black Friday is 50x") is kept
// apart from the normal month.

export type { TrafficRead } from './traffic-shapes.js';

/** Above 10 million requests a second no single workload is real: question the figure. */
const MAX_PER_HOUR = 3.6e10;

const WEEKDAYS_ONLY =
  /\b(?:on weekdays|weekdays only|only (?:on )?weekdays|mon(?:day)?[- ](?:to[- ])?fri(?:day)?|monday (?:to|through|thru|-) friday|on working days|on business days)\b/;
const EVERY_DAY = /\b(?:7 days a week|seven days a week|every day|all week|weekends? (?:too|as well|included)|including weekends|24\/7)\b/;

export function readTraffic(text: string, claims: Claims): TrafficRead {
  const found = findRates(text, claims);
  for (const r of found) claims.claim(r.start, r.end);
  const bare = findBareRates(text, claims, found);
  for (const r of bare) claims.claim(r.start, r.end);
  const rates = bare.length ? [...found, ...bare].sort((a, b) => a.start - b.start) : found;
  const schedules = findSchedules(text, claims);
  for (const s of schedules) claims.claim(s.start, s.end);

  const unread: string[] = [];
  const sane = rates.filter((r) => {
    if (perHour(r) <= MAX_PER_HOUR) return true;
    unread.push(`I could not use "${formatCountGrouped(r.high)} per ${r.period}": more than 10 million requests a second is beyond any single workload; check the figure.`);
    return false;
  });
  const spike = sane.length || schedules.length ? findSpike(text, claims, sane) : null;
  const normal = spike?.used.length ? sane.filter((r) => !spike.used.includes(r)) : sane;
  // "200 rps weekdays, 20 rps at weekends": the weekend rate is its own day shape.
  const weekend = text.includes('weekend') ? weekendRate(text, normal) : null;
  const read = shapeOf(text, weekend ? normal.filter((r) => r !== weekend) : normal, schedules, spike);
  const withWeek = weekend && read.traffic && !read.traffic.week
    ? withWeekend(read, weekend)
    : read.traffic && !read.traffic.week && WEEKDAYS_ONLY.test(text) && !EVERY_DAY.test(text)
      ? weekdaysOnly(read)
      : read;
  return withSpike({ traffic: withWeek.traffic, heard: withWeek.heard, unread: unread.length ? [...withWeek.unread, ...unread] : withWeek.unread }, spike);
}

function shapeOf(text: string, rates: RateMatch[], schedules: ScheduleMatch[], spike: SpikeRead | null): TrafficRead {
  const bands = readBands(text, rates);
  if (bands) return fromBands(bands);

  const rate = rates[0];
  const schedule = schedules.find((s) => s.strong) ?? (rate ? undefined : schedules[0]);
  if (rate && (!schedule || rate.start < schedule.start)) {
    const labelled = peakAndAverage(text, rates);
    const { average, night } = labelled;
    // A peak of zero says nothing about the shape ("peak is 0 rps").
    const peak = labelled.peak && perHour(labelled.peak) > 0 ? labelled.peak : undefined;
    // "Black Friday is 50x" is the surge, not the daily peak ratio.
    const ratio = labelled.ratio !== undefined && labelled.ratio !== spike?.factor ? labelled.ratio : undefined;
    if (peak && average && perHour(peak) > perHour(average)) return fromPeakAndAverage(peak, average);
    if (peak && ratio && !average) return fromPeakAndAverage(peak, timesRate(peak, 1 / ratio));
    if (ratio && !peak) {
      const base = average ?? rate;
      return fromPeakAndAverage(timesRate(base, ratio), base);
    }
    if (night) {
      const day = peak ?? average ?? rates.find((r) => r !== night);
      if (day && perHour(day) > perHour(night)) return fromDayAndNight(day, night, day === peak);
    }
    if (peak && !average) {
      // "1,000 rps, peaks at 3,000": the plain figure is the average.
      const other = rates.find((r) => r !== peak && r !== night && perHour(r) < perHour(peak));
      return other ? fromPeakAndAverage(peak, other) : fromLonePeak(peak);
    }
    return fromRate(average ?? rate);
  }
  if (schedule) return fromSchedule(schedule);
  return { traffic: null, heard: '', unread: [] };
}

const WEEKEND_AFTER = /^ ?(?:(?:at|on|over|during) (?:the )?)?weekends?\b/;
const WEEKEND_BEFORE = /\b(?:(?:at|on|over|during) (?:the )?)?weekends? ?(?:is|are|has|have|get|gets|at|of|~)? ?$/;

/** The one rate said for weekends, when another rate is said for the rest of the week. */
function weekendRate(text: string, rates: readonly RateMatch[]): RateMatch | null {
  if (rates.length < 2) return null;
  const bounds = clauseBounds(text);
  const found = rates.filter((r) => WEEKEND_AFTER.test(after(text, bounds, r.end, 20)) || WEEKEND_BEFORE.test(before(text, bounds, r.start, 24)));
  return found.length === 1 ? (found[0] ?? null) : null;
}

function withWeekend(read: TrafficRead, weekend: RateMatch): TrafficRead {
  const traffic = read.traffic as Traffic;
  const weekdays = traffic.hourly;
  const weekendDay = flatProfile(perHour(weekend));
  const echo = `${traffic.echo}, Monday to Friday; weekends ${formatCountGrouped(perHour(weekend))}/hour`;
  const next: Traffic = { ...traffic, hourly: averageDay(weekdays, weekendDay), week: { weekdays, weekend: weekendDay }, echo };
  return { ...read, traffic: next, heard: `${echo} (${monthly(next.hourly)})` };
}

/** "2,000 orders a day on weekdays": the figure holds Monday to Friday; weekends are quiet. */
function weekdaysOnly(read: TrafficRead): TrafficRead {
  const traffic = read.traffic as Traffic;
  const weekdays = traffic.hourly;
  const weekend = flatProfile(0);
  const echo = `${traffic.echo}, Monday to Friday (none at weekends)`;
  const next: Traffic = { ...traffic, hourly: averageDay(weekdays, weekend), week: { weekdays, weekend }, echo };
  return { ...read, traffic: next, heard: `${echo} (${monthly(next.hourly)})` };
}

function withSpike(read: TrafficRead, spike: SpikeRead | null): TrafficRead {
  if (!read.traffic || !spike) return read;
  const normalPeak = peakHourRequests(read.traffic);
  const factor = spike.factor ?? (spike.perHour !== null && normalPeak > 0 ? spike.perHour / normalPeak : 0);
  if (!(factor > 1)) {
    return { ...read, unread: [...read.unread, `I did not price "${spike.words}" as a surge: its rate is not above the normal peak.`] };
  }
  const hours = `${formatCountGrouped(spike.hours)} h${spike.hoursStated ? '' : ', assumed'}`;
  const traffic: Traffic = { ...read.traffic, spike: { factor, hours: spike.hours, hoursStated: spike.hoursStated, words: spike.words } };
  return { ...read, traffic, heard: `${read.heard}; ${spike.words}: ${formatCountGrouped(roundToSignificant(factor, 3))}x for ${hours}, priced apart` };
}
