import type { DigestWindow } from './digest-types.js';

// ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday) and
// the 7-day windows a digest covers. Time always comes in as an argument.

const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export interface IsoWeek {
  year: number;
  week: number;
}

/** "2026-W48" (also "2026w48") -> { year: 2026, week: 48 }; null when not a week that exists. */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week a calendar date (year, month 1-12, day) falls in. */
export function isoWeekOfDate(year: number, month: number, day: number): IsoWeek {
  const date = Date.UTC(year, month - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date + (3 - weekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / WEEK_MS) + 1;
  return { year: weekYear, week };
}

/** The ISO week of an instant as seen on the wall calendar of `timeZone`. */
export function isoWeekIn(instant: Date, timeZone: string): IsoWeek {
  const { year, month, day } = calendarDateIn(instant, timeZone);
  return isoWeekOfDate(year, month, day);
}

/** Monday 00:00 UTC to the next Monday 00:00 UTC. */
export function isoWeekWindow({ year, week }: IsoWeek): DigestWindow {
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const since = mondayOfWeek1 + (week - 1) * WEEK_MS;
  return { since: new Date(since).toISOString(), until: new Date(since + WEEK_MS).toISOString() };
}

/** The 7 days that end at `until`. */
export function windowEndingAt(until: Date): DigestWindow {
  return { since: new Date(until.getTime() - WEEK_MS).toISOString(), until: until.toISOString() };
}

/** The 7 days just before `window`. */
export function previousWindow(window: DigestWindow): DigestWindow {
  return windowEndingAt(new Date(window.since));
}

// Built on first use: the first Intl object of a process loads ICU's locale data.
let labelFormat: Intl.DateTimeFormat | undefined;
const LABEL = { format: (date: Date) => (labelFormat ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })).format(date) };

/** "19 Nov - 25 Nov 2026": the first and last day the window touches (UTC). */
export function windowLabel(window: DigestWindow): string {
  const first = new Date(window.since);
  const last = new Date(Date.parse(window.until) - 1);
  return `${LABEL.format(first)} - ${LABEL.format(last)} ${last.getUTCFullYear()}`;
}

const calendars = new Map<string, Intl.DateTimeFormat>();

export function calendarDateIn(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  let format = calendars.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    calendars.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when Dec 28 falls in week 53.
  return isoWeekOfDate(year, 12, 28).week;
}
