import { HOURS_PER_MONTH } from '../workload.js';

// Time periods a rate or schedule can be "per", and their length in hours
// (month = 730 hours, as everywhere in the cost engine).

export type Period = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'fortnight' | 'month' | 'quarter' | 'year';

export const HOURS_IN: Record<Period, number> = {
  second: 1 / 3600,
  minute: 1 / 60,
  hour: 1,
  day: 24,
  week: 168,
  fortnight: 336,
  month: HOURS_PER_MONTH,
  quarter: HOURS_PER_MONTH * 3,
  year: HOURS_PER_MONTH * 12,
};

const ALIASES: Record<string, Period> = {
  s: 'second', sec: 'second', secs: 'second', second: 'second',
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hourly: 'hour',
  d: 'day', day: 'day', daily: 'day', night: 'day', nightly: 'day', weekday: 'day',
  wk: 'week', week: 'week', weekly: 'week',
  fortnight: 'fortnight', fortnightly: 'fortnight',
  mo: 'month', mos: 'month', mth: 'month', month: 'month', monthly: 'month',
  qtr: 'quarter', quarter: 'quarter', quarterly: 'quarter',
  yr: 'year', year: 'year', yearly: 'year', annually: 'year', annum: 'year',
};

/** Regex source of the words accepted after "per" / "a" / "/". */
export const PERIOD_SOURCE =
  'seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weekdays?|weeks?|wk|fortnights?|months?|mos?|mth|quarters?|qtr|years?|yr|annum';

export function toPeriod(word: string | undefined): Period | null {
  if (word === undefined) return null;
  return ALIASES[word] ?? ALIASES[word.replace(/s$/, '')] ?? null;
}

export const PERIOD_LABEL: Record<Period, string> = {
  second: 'second', minute: 'minute', hour: 'hour', day: 'day', week: 'week',
  fortnight: 'fortnight', month: 'month', quarter: 'quarter', year: 'year',
};
