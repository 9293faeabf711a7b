import type { Duration } from '../workload.js';
import { formatDurationSpan } from '../format.js';
import { numberSource, rangeSource, readNumber, readRange } from './numbers.js';
import type { Claims } from './spans.js';
import { after, before, clauseBounds, hasDigit, quote, scan, scanFigures } from './text.js';
import { TIME_UNIT_SOURCE, unitMs } from './units.js';

// How long one execution runs: "100ms", "~2 s", "2-3 seconds", "20 to 30
// minutes", "about an hour", "takes 3 minutes", "usually 200 ms, up to 2 s".
//
// A range "2-3 s" is read as typical = midpoint (2.5 s) and worst = high end
// (3 s): the midpoint is the fairest expected cost, the high end is what a
// timeout limit has to allow for.

export interface DurationRead {
  duration: Duration | null;
  heard: string | null;
  unread: string[];
  /** "runs for hours": the unit of a time stated without a figure. */
  vague: 'second' | 'minute' | 'hour' | 'day' | null;
}

const DURATION = new RegExp(`${rangeSource('d', false)} ?(?<u>${TIME_UNIT_SOURCE})(?![a-z/\\d])`, 'y');
// "1h30m", "1 hour 30 minutes", "15 min 30 s", "1h30", "1:30 h", "2:30 min": one figure in two units.
const COMPOUND = new RegExp(
  '(?:~ ?|\\u0002)?(?:(?<h>\\d{1,4}) ?(?:h|hrs?|hours?)(?:(?<hm2>\\d{2})(?![\\d:])| ?(?:and )?(?<hm>\\d{1,2}) ?(?:m|mins?|minutes?)(?: ?(?:and )?(?<hs>\\d{1,2}) ?(?:s|secs?|seconds?))?)' +
    '|(?<m>\\d{1,4}) ?(?:m|mins?|minutes?) ?(?:and )?(?<s>\\d{1,2}(?:\\.\\d{1,3})?) ?(?:s|secs?|seconds?)' +
    '|(?<ch>\\d{1,2}):(?<cm>\\d{2}) ?(?:h|hrs?|hours?)' +
    '|(?<cm2>\\d{1,3}):(?<cs>\\d{2}) ?(?:m|mins?|minutes?))(?![a-z\\d])',
  'y',
);
// "between 200 and 800 ms": a range whose ends are joined by "and".
const BETWEEN = new RegExp(`\\bbetween ${numberSource('blo', false)} ?(?:${TIME_UNIT_SOURCE})? and ${numberSource('bhi', false)} ?(?<u>${TIME_UNIT_SOURCE})(?![a-z/\\d])`, 'g');
// "runs for hours", "can take minutes": a time said without a figure.
const VAGUE = /\b(?:takes?|took|taking|lasts?|lasting|runs? for|running for|can take|could take|may take|might take|spends?|processing takes|jobs? takes?)(?: (?:many|several|multiple|some|tens of))? (?<u>seconds|minutes|hours|days)\b/;
/** Shorter than this is a slip of the unit, not a workload. */
const MIN_MS = 0.001;
const ARTICLE = /\ban? (?<u>second|minute|hour|day)\b/g;
// "an hour" is a duration only after words like these ("10k requests an hour" is a rate).
const ARTICLE_LEAD = /(?:~|\b(?:takes?|taking|took|lasts?|lasting|runs? for|running for|for|under|up to|in|almost|over)) ?$/;
// Figures that are about something other than one run's length.
const NOT_RUN_BEFORE =
  /(?:every|cold[- ]starts?(?: of| take| takes| add| adds)?|timeouts?(?: of| is)?|ttl(?: of)?|cache[ds]? for|retention(?: of)?|retain(?:ed)? for|keep for|delay(?: of)?|interval(?: of)?|window(?: of)?|sleeps?(?: for)?|polls? every|(?:the|over the|in the) (?:last|past)|within the|per|limit(?: of| is)?) ?~?$/;
const NOT_RUN_AFTER = /^ ?(?:ago|later|limit|timeout|window|cap|cold start|ttl|a day|per day|each day|a week|per week|a month|per month|\/ ?day|of (?:the )?(?:day|week)|of downtime|of latency|latency)/;
const WORST_BEFORE = /\b(?:up to|worst|at most|max|maximum|sometimes|occasionally|peaks?|as long as|spikes?|can take|longest|rarely|or even)\b/;
const WORST_AFTER = /^ ?(?:worst|max|at worst|at most|tops|in the worst case|at the longest)\b/;
const NEEDS_LEAD = /\b(?:takes?|taking|took|lasts?|lasting|runs?|running|for|needs?|spends?)\b/;

// "301s for legacy URLs", "returns 404s": HTTP status codes, not seconds.
const STATUS_CODE = /^(?:200|201|202|204|301|302|303|304|307|308|400|401|403|404|409|410|422|429|500|502|503|504)s$/;
const STATUS_WORDS = /\b(?:redirect\w*|status|errors?|codes?|responses?|returns?|returning|serves?|sends?|throws?|legacy urls?|http)\b/;

interface Hit {
  start: number;
  low: number;
  high: number;
  worst: boolean;
}

/** Longer than a year is a typo, not a workload. */
const MAX_MS = 365 * 86_400_000;

interface Reading {
  text: string;
  bounds: readonly number[];
  claims: Claims;
  hits: Hit[];
  unread: string[];
}

function consider(r: Reading, start: number, end: number, low: number, high: number, isDays: boolean): void {
  const { text, bounds } = r;
  if (r.claims.overlaps(start, end)) return;
  if (STATUS_CODE.test(text.slice(start, end)) && STATUS_WORDS.test(text)) return;
  const lead = before(text, bounds, start, 28);
  const tail = after(text, bounds, end, 20);
  if (NOT_RUN_BEFORE.test(lead.trimEnd()) || NOT_RUN_AFTER.test(tail)) return;
  if (isDays && !NEEDS_LEAD.test(lead)) return;
  if (!(high > 0)) {
    r.unread.push(`I could not use "${quote(text.slice(start, end))}" as a duration: it has to be more than zero.`);
    return;
  }
  if (low < MIN_MS) {
    r.unread.push(`I could not use "${quote(text.slice(start, end))}" as a duration: shorter than a microsecond; check its unit.`);
    return;
  }
  if (high > MAX_MS) {
    r.unread.push(`I could not use "${quote(text.slice(start, end))}" as a duration: longer than a year.`);
    return;
  }
  r.claims.claim(start, end);
  r.hits.push({ start, low, high, worst: WORST_BEFORE.test(lead) || WORST_AFTER.test(tail) });
}

export function readDuration(text: string, claims: Claims): DurationRead {
  const hits: Hit[] = [];
  const unread: string[] = [];
  const r: Reading = { text, bounds: clauseBounds(text), claims, hits, unread };
  const digits = hasDigit(text);
  for (const m of digits ? scanFigures(COMPOUND, text) : []) {
    const ms = compoundMs(m.groups ?? {});
    if (ms !== null) consider(r, m.index, m.index + m[0].length, ms, ms, false);
  }
  for (const m of digits && text.includes('between') ? scan(BETWEEN, text) : []) {
    const low = readNumber(m.groups, 'blo');
    const high = readNumber(m.groups, 'bhi');
    const unit = unitMs(m.groups?.u);
    if (!low || !high || unit === null) continue;
    const [a, b] = low.value <= high.value ? [low.value, high.value] : [high.value, low.value];
    consider(r, m.index, m.index + m[0].length, a * unit, b * unit, unit === 86_400_000);
  }
  for (const m of digits ? scanFigures(DURATION, text) : []) {
    const range = readRange(m.groups, 'dlo', 'dhi');
    const unit = unitMs(m.groups?.u);
    if (!range || unit === null) continue;
    consider(r, m.index, m.index + m[0].length, range.low * unit, range.high * unit, unit === 86_400_000);
  }
  for (const m of scan(ARTICLE, text)) {
    if (!ARTICLE_LEAD.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const unit = unitMs(m.groups?.u) ?? 1000;
    consider(r, m.index, m.index + m[0].length, unit, unit, false);
  }
  hits.sort((a, b) => a.start - b.start);
  const combined = combine(hits);
  const vague = combined.duration ? null : vagueUnit(text, claims);
  if (vague) unread.push(`You said it ${vague.words}: about how many ${vague.unit}s? e.g. "2 ${vague.unit}s".`);
  // Written out rather than spread: the read's shape varies, and a spread of it is a slow generic copy.
  return { duration: combined.duration, heard: combined.heard, unread, vague: vague?.unit ?? null };
}

function vagueUnit(text: string, claims: Claims): { unit: 'second' | 'minute' | 'hour' | 'day'; words: string } | null {
  const m = VAGUE.exec(text);
  if (!m || claims.overlaps(m.index, m.index + m[0].length)) return null;
  const unit = (m.groups?.u ?? 'seconds').slice(0, -1) as 'second' | 'minute' | 'hour' | 'day';
  return { unit, words: m[0] };
}

/** A matched figure, 0 when that part was not said. */
function n(v: string | undefined): number {
  return v === undefined ? 0 : Number(v);
}

function compoundMs(g: Record<string, string | undefined>): number | null {
  if (g.h !== undefined) {
    const minutes = n(g.hm ?? g.hm2);
    if (minutes >= 60) return null;
    return n(g.h) * 3_600_000 + minutes * 60_000 + n(g.hs) * 1000;
  }
  if (g.m !== undefined) return n(g.s) >= 60 ? null : n(g.m) * 60_000 + n(g.s) * 1000;
  if (g.ch !== undefined) return n(g.cm) >= 60 ? null : n(g.ch) * 3_600_000 + n(g.cm) * 60_000;
  if (g.cm2 !== undefined) return n(g.cs) >= 60 ? null : n(g.cm2) * 60_000 + n(g.cs) * 1000;
  return null;
}

function combine(hits: readonly Hit[]): Omit<DurationRead, 'unread' | 'vague'> {
  const typical = hits.find((h) => !h.worst);
  const first = typical ?? hits[0];
  if (!first) return { duration: null, heard: null };
  const typicalMs = (first.low + first.high) / 2;
  const worstMs = Math.max(typicalMs, ...hits.map((h) => h.high));
  let heard = first.low === first.high ? formatDurationSpan(first.low) : `${formatDurationSpan(first.low, first.high)} (typical ${formatDurationSpan(typicalMs)})`;
  if (worstMs > first.high) heard += `, up to ${formatDurationSpan(worstMs)}`;
  return { duration: { typicalMs, worstMs }, heard };
}
