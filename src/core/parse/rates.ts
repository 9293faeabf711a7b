import { type Approx, numberSource, rangeSource, readNumber, readRange } from './numbers.js';
import { HOURS_IN, PERIOD_SOURCE, type Period, toPeriod } from './periods.js';
import type { Claims } from './spans.js';
import { before, clauseBounds, hasDigit, scanFigures } from './text.js';

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
const PEOPLE_AFTER = /^ (?:active |unique |returning )?(?:users|visitors|customers|members|players|subscribers|sessions)\b/;

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
    // "30k daily active users" counts people, not requests.
    if (g?.adv && PEOPLE_AFTER.test(text.slice(end, end + 24))) continue;
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

// "500 rps at peak, 50 on average", "100 rps during the day and 20 at night":
// a bare figure next to a peak, average or time-of-day word counts the same
// thing as the rate beside it.
const BARE = new RegExp(
  `${numberSource('b', true)}(?= ?(?:$|[,;.)]|(?:and|but)\\b)|(?<after> ?(?:on average|an? average|average|avg|at night|overnight|at the weekend|on weekends|at weekends|otherwise|off[- ]peak|at peak|at the peak|during the (?:day|night)|in the (?:day|evening|morning|night)|at (?:the )?busiest|outside (?:of )?(?:business|office|working) hours)\\b))`,
  'y',
);
const LABEL_BEFORE =
  /\b(?:average|averaging|avg|mean|baseline|normally|usually|typically|nights?|overnight|otherwise|off[- ]peak|peaks?|peaking|weekends?)(?: (?:of|is|are|at|around|about|to|drops to|falls to|goes to|goes down to|down to|up to|hits|reaches))? ?~? ?$/;

/** Bare figures labelled as a peak, an average or a time of day, counted in the unit of the nearest rate. */
export function findBareRates(text: string, claims: Claims, rates: readonly RateMatch[]): RateMatch[] {
  if (rates.length === 0) return [];
  const bounds = clauseBounds(text);
  const found: RateMatch[] = [];
  for (const m of scanFigures(BARE, text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (claims.overlaps(start, end) || rates.some((r) => start < r.end && r.start < end) || /[$€£]/.test(text.charAt(start - 1))) continue;
    const labelled = m.groups?.after !== undefined || LABEL_BEFORE.test(before(text, bounds, start, 30));
    const n = readNumber(m.groups, 'b');
    if (!labelled || !n) continue;
    const ref = nearest(rates, start);
    if (!ref) continue;
    found.push({ start, end, low: n.value, high: n.value, approx: n.approx, period: ref.period, noun: ref.noun });
  }
  return found;
}

function nearest(rates: readonly RateMatch[], at: number): RateMatch | undefined {
  let best: RateMatch | undefined;
  for (const r of rates) if (r.start < at && (!best || r.start > best.start)) best = r;
  return best ?? rates[0];
}
