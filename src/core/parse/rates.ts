import { type Approx, rangeSource, readRange } from './numbers.js';
import { HOURS_IN, PERIOD_SOURCE, type Period, toPeriod } from './periods.js';
import type { Claims } from './spans.js';
import { hasDigit, scanFigures } from './text.js';

// Rates: "15K requests/hour", "3 million a day", "1000 rps", "2M invocations
// monthly", "a dozen times an hour". A figure, up to three words naming what is
// counted, then the period.

export interface RateMatch {
  start: number;
  end: number;
  /** Figures as given, per `period`; equal when a single figure was given. */
  low: number;
  high: number;
  approx: Approx;
  period: Period;
  /** What is counted, e.g. "requests", "uploads". */
  noun: string;
}

const SUFFIXES: Record<string, Period> = { rps: 'second', qps: 'second', tps: 'second', rpm: 'minute', rph: 'hour', rpd: 'day' };

// Each optional word must end in a space or a slash, which keeps backtracking linear.
const WORDS = `(?<words>(?:[a-z][a-z'-]{0,24}(?: |(?=/))){0,3}?)`;
const RATE = new RegExp(
  `${rangeSource('r', true)} ?(?:` +
    `(?<suffix>rps|qps|tps|rpm|rph|rpd)(?![a-z])` +
    `|${WORDS}(?:(?:/ ?|(?:per|an?|each|every|a single) )(?<per>${PERIOD_SOURCE})|(?<adv>hourly|daily|weekly|fortnightly|monthly|quarterly|yearly|annually))(?![a-z])` +
    `)`,
  'y',
);

// Words that mean the figure is not a count of events ("5 minutes a day", "2 GB per month").
const NOT_COUNTS =
  /\b(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|mb|gb|kb|tb|megabytes?|gigabytes?|percent|%|dollars?|usd|cents?|eur|gib|mib|ram|memory|cpus?|vcpus?|cores?|instances?|servers?|containers?|nodes?|am|pm)\b/;

const PER_SOMETHING = /\b(?:per|each|every)\b/;

export function findRates(text: string, claims: Claims): RateMatch[] {
  const found: RateMatch[] = [];
  if (!hasDigit(text)) return found;
  for (const m of scanFigures(RATE, text)) {
    const start = m.index;
    const end = start + m[0].length;
    // "$100 a month" is a budget, not traffic.
    if (claims.overlaps(start, end) || /[$€£]/.test(text.charAt(start - 1))) continue;
    const g = m.groups;
    const words = (g?.words ?? '').trim();
    // "50 requests per user per day" is a rate per user, not a total.
    if (NOT_COUNTS.test(words) || PER_SOMETHING.test(words)) continue;
    const range = readRange(g, 'rlo', 'rhi');
    const period = g?.suffix ? SUFFIXES[g.suffix] : toPeriod(g?.per ?? g?.adv);
    if (!range || !period) continue;
    found.push({ start, end, low: range.low, high: range.high, approx: range.approx, period, noun: nounOf(words) });
  }
  return found;
}

const FILLER = new Set(['a', 'an', 'the', 'of', 'new', 'about', 'around', 'total', 'in', 'on', 'at', 'with', 'and']);

function nounOf(words: string): string {
  if (words === '') return 'requests';
  const all = words.split(' ');
  for (let i = all.length - 1; i >= 0; i--) {
    const w = all[i] ?? '';
    if (w === '' || FILLER.has(w)) continue;
    return w === 'req' || w === 'reqs' ? 'requests' : w;
  }
  return 'requests';
}

/** Expected requests per hour: the midpoint of a range. */
export function perHour(rate: Pick<RateMatch, 'low' | 'high' | 'period'>): number {
  return (rate.low + rate.high) / 2 / HOURS_IN[rate.period];
}
