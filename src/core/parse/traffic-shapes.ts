import { averageDay, flatProfile as flat, profileFromBands as withBands, monthlyRequests, requestsPerDay } from '../traffic.js';
import type { Traffic } from '../workload.js';
import type { BandsRead } from './bands.js';
import { formatCountCompact, formatCountGrouped } from '../format.js';
import { type Approx, SPREADS } from './numbers.js';
import { HOURS_IN, PERIOD_LABEL } from './periods.js';
import { perHour, type RateMatch } from './rates.js';
import type { ScheduleMatch } from './schedules.js';

// Builds the Traffic value, with its echo, from one reading: a rate, a
// schedule, or bands.

export interface TrafficRead {
  traffic: Traffic | null;
  /** The echo plus derived figures, for `heard`; empty when nothing was read. */
  heard: string;
  unread: string[];
}


/** 3,000,000 -> "3 million"; small figures with separators. */
export function formatFigure(n: number): string {
  if (n >= 1e9) return `${formatCountCompact(n).replace(/B$/, '')} billion`;
  if (n >= 1e6) return `${formatCountCompact(n).replace(/M$/, '')} million`;
  return formatCountGrouped(n);
}

export function spreadOf(approx: Approx, low: number, high: number): Traffic['spread'] {
  if (low !== high) {
    const mid = (low + high) / 2;
    return { low: low / mid, high: high / mid };
  }
  return approx === 'exact' ? undefined : SPREADS[approx];
}

/** "about 3,000 uploads/day, could be 2,000-5,000". */
export function rateWords(r: RateMatch, unit: string): string {
  const mid = (r.low + r.high) / 2;
  if (r.low !== r.high) return `${formatFigure(r.low)}-${formatFigure(r.high)} ${unit}`;
  if (r.approx === 'rough') {
    const s = SPREADS.rough;
    return `about ${formatFigure(mid)} ${unit}, could be ${formatFigure(mid * s.low)}-${formatFigure(mid * s.high)}`;
  }
  return r.approx === 'about' ? `about ${formatFigure(mid)} ${unit}` : `${formatFigure(mid)} ${unit}`;
}

export function monthly(hourly: readonly number[]): string {
  return `≈ ${formatCountCompact(monthlyRequests(hourly))}/month`;
}

/** The average in the largest unit that gives at least 1: "989/second", "3.7/hour". */
function averageWords(hourly: readonly number[]): string {
  const perHour = requestsPerDay(hourly) / 24;
  if (perHour >= 3600) return `${formatCountCompact(perHour / 3600)}/second on average`;
  if (perHour >= 1) return `${formatCountCompact(perHour)}/hour on average`;
  return `${formatCountCompact(perHour * 24)}/day on average`;
}

export function fromRate(r: RateMatch): TrafficRead {
  const steady = HOURS_IN[r.period] <= 1;
  const hourly = flat(perHour(r));
  const echo = `${rateWords(r, `${r.noun}/${PERIOD_LABEL[r.period]}`)}${steady ? ', all day' : ''}`;
  const spread = spreadOf(r.approx, r.low, r.high);
  const traffic: Traffic = { hourly, basis: steady ? 'steady' : 'total', echo, ...(spread ? { spread } : {}) };
  const extra = steady ? monthly(hourly) : r.period === 'month' ? `≈ ${averageWords(hourly)}` : monthly(hourly);
  return { traffic, heard: `${echo} (${extra})`, unread: [] };
}

export function fromSchedule(s: ScheduleMatch): TrafficRead {
  const hourly = flat(0);
  const runs = s.runsPerDay;
  if (runs >= 24) hourly.fill(runs / 24);
  else if (Number.isInteger(runs)) for (let i = 0; i < runs; i++) hourly[(s.firstHour + Math.floor((i * 24) / runs)) % 24] = 1;
  else if (runs < 1) hourly[s.firstHour] = runs;
  else hourly.fill(runs / 24);
  const perWeek = runs * 7;
  const perDay =
    runs >= 1
      ? `${formatCountGrouped(runs)} run${runs === 1 ? '' : 's'}/day`
      : perWeek >= 0.99
        ? `${formatCountGrouped(perWeek)} run${perWeek === 1 ? '' : 's'}/week`
        : `${formatCountGrouped(runs * 30.4167)} run${Math.abs(runs * 30.4167 - 1) < 0.01 ? '' : 's'}/month`;
  const echo = `${s.words} (${perDay})`;
  return { traffic: { hourly, basis: 'schedule', echo }, heard: `${echo}, ${monthly(hourly)}`, unread: [] };
}

function hourName(h: number): string {
  return `${String(h % 24 === 0 && h > 0 ? 24 : h).padStart(2, '0')}:00`;
}

export function fromBands(read: BandsRead): TrafficRead {
  const day = withBands(read.bands, read.base ?? 0);
  const weekend = flat(read.base ?? 0);
  const hourly = read.weekdays ? averageDay(day, weekend) : day;
  const parts = read.bands.map((b) => `${hourName(b.fromHour)}-${hourName(b.toHour)} ${formatCountGrouped(b.requestsPerHour)}/hour`);
  parts.push(`otherwise ${formatCountGrouped(read.base ?? 0)}/hour`);
  if (read.weekdays) parts.push(`Monday to Friday (weekends ${formatCountGrouped(read.base ?? 0)}/hour)`);
  const echo = parts.join(', ');
  // Not a question: the card states it, and the person can add "500/hour otherwise".
  const noneOutside = read.base === null ? 'No traffic outside the hours you gave (say e.g. "500/hour otherwise" if there is some).' : null;
  const approx = read.used.find((r) => r.approx !== 'exact' || r.low !== r.high);
  const spread = approx ? spreadOf(approx.approx, approx.low, approx.high) : undefined;
  const traffic: Traffic = { hourly, basis: 'bands', echo, ...(spread ? { spread } : {}) };
  if (read.weekdays) traffic.week = { weekdays: day, weekend };
  const weekdays =
    read.weekdays === 'assumed'
      ? `Business hours taken as Monday to Friday; weekends run at the off-hours rate (${formatCountGrouped(read.base ?? 0)}/hour). Say "7 days a week" if weekends are busy too.`
      : null;
  const assumption = [noneOutside, weekdays].filter(Boolean).join(' ');
  if (assumption) traffic.assumption = assumption;
  const peak = Math.max(...day);
  const heard = `${echo} (peak ${formatCountGrouped(peak)}/hour, ${formatCountGrouped(requestsPerDay(hourly))}/day${read.weekdays ? ' on average' : ''}, ${monthly(hourly)})`;
  return { traffic, heard, unread: read.unread };
}
