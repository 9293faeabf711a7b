import type { Duration } from '../workload.js';
import { formatDuration } from './format.js';
import { rangeSource, readRange } from './numbers.js';
import type { Claims } from './spans.js';
import { after, before, clauseBounds, hasDigit, scan, scanFigures } from './text.js';
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
}

const DURATION = new RegExp(`${rangeSource('d', false)} ?(?<u>${TIME_UNIT_SOURCE})(?![a-z/\\d])`, 'y');
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
  const lead = before(text, bounds, start, 28);
  const tail = after(text, bounds, end, 20);
  if (NOT_RUN_BEFORE.test(lead.trimEnd()) || NOT_RUN_AFTER.test(tail)) return;
  if (isDays && !NEEDS_LEAD.test(lead)) return;
  if (!(high > 0)) {
    r.unread.push(`I could not use "${text.slice(start, end)}" as a duration: it has to be more than zero.`);
    return;
  }
  if (high > MAX_MS) {
    r.unread.push(`I could not use "${text.slice(start, end)}" as a duration: longer than a year.`);
    return;
  }
  r.claims.claim(start, end);
  r.hits.push({ start, low, high, worst: WORST_BEFORE.test(lead) || WORST_AFTER.test(tail) });
}

export function readDuration(text: string, claims: Claims): DurationRead {
  const hits: Hit[] = [];
  const unread: string[] = [];
  const r: Reading = { text, bounds: clauseBounds(text), claims, hits, unread };
  for (const m of hasDigit(text) ? scanFigures(DURATION, text) : []) {
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
  return { ...combine(hits), unread };
}

function combine(hits: readonly Hit[]): Omit<DurationRead, 'unread'> {
  const typical = hits.find((h) => !h.worst);
  const first = typical ?? hits[0];
  if (!first) return { duration: null, heard: null };
  const typicalMs = (first.low + first.high) / 2;
  const worstMs = Math.max(typicalMs, ...hits.map((h) => h.high));
  let heard = first.low === first.high ? formatDuration(first.low) : `${formatDuration(first.low, first.high)} (typical ${formatDuration(typicalMs)})`;
  if (worstMs > first.high) heard += `, up to ${formatDuration(worstMs)}`;
  return { duration: { typicalMs, worstMs }, heard };
}
