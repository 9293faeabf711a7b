import { formatDurationSpan } from '../format.js';
import { numberSource, readNumber } from './numbers.js';
import type { Claims } from './spans.js';
import { unitMs } from './units.js';
import { hasDigit, scan, scanFigures } from './text.js';

// Latency targets ("p99 under 50 ms", "latency must be below 100ms", "sub-100ms
// responses"). Read before durations so these figures are never taken for how
// long the work runs. A p50 is claimed but is not a target.

export interface LatencyRead {
  p99Ms: number | null;
  heard: string | null;
  /**
   * Measured percentiles ("150ms p50, 2s p99"): how long the work takes, not a
   * target. The median is the typical run, the highest percentile the worst case.
   */
  observed: { typicalMs: number | null; worstMs: number | null } | null;
}

const UNIT = '(?<u>milliseconds?|millis|msecs?|ms|seconds?|secs?|s)(?![a-z\\d])';
const NUM = numberSource('n', false);
const PERCENTILE = new RegExp(`\\b(?<kind>p\\d{2}(?:\\.\\d{1,2})?|median)\\b(?<gap>[^\\d;\\n]{0,30}?)${NUM} ?${UNIT}`, 'g');
const GENERIC = new RegExp(
  `\\b(?<kind>latency|latencies|response times?|responses?|respond(?:s|ing)?|round[- ]trips?|rtt)\\b(?<gap>[^\\d;\\n]{0,30}?)${NUM} ?${UNIT}`,
  'g',
);
const PERCENTILE_HINT = /p\d|median/;
const SUB = new RegExp(`\\bsub-? ?${NUM} ?${UNIT}`, 'g');
const SUB_SECOND = /\bsub-? ?second\b/g;
const REVERSED = new RegExp(`${NUM} ?${UNIT} (?:(?<kind>p\\d{2}(?:\\.\\d{1,2})?|median)|latency|response times?|responses?)\\b`, 'y');
const TARGET_WORDS = /under|below|less than|within|<|at most|max|no more than|sub|faster than|must|need|should|target|in /;

interface Hit {
  ms: number;
  /** 3 = p99 or an unqualified target, 2 = p95/p90, 0 = not a target (p50). */
  rank: number;
  words: string;
  /** A percentile with no target word ("p99 2s", not "p99 under 2s"): maybe a measurement. */
  bare: boolean;
}

function rankOf(kind: string | undefined): number {
  if (kind === 'median') return 0;
  if (kind === undefined || !kind.startsWith('p')) return 3;
  const pct = Number(kind.slice(1));
  return pct >= 99 ? 3 : pct >= 90 ? 2 : 0;
}

function take(claims: Claims, hits: Hit[], m: RegExpMatchArray, kind: string | undefined, bare = false): void {
  const n = readNumber(m.groups, 'n');
  const unit = unitMs(m.groups?.u);
  const start = m.index ?? 0;
  if (!n || unit === null || claims.overlaps(start, start + m[0].length)) return;
  claims.claim(start, start + m[0].length);
  const percentile = kind !== undefined && (kind.startsWith('p') || kind === 'median');
  if (n.value > 0) hits.push({ ms: n.value * unit, rank: rankOf(kind), words: percentile ? kind : 'p99', bare: bare && percentile });
}

/** A median with other bare percentiles is a measured distribution: durations, not targets. */
function observedOf(hits: Hit[]): LatencyRead['observed'] {
  const median = hits.find((h) => h.rank === 0);
  if (!median) return null;
  const measured = hits.filter((h) => h.bare && h.rank > 0);
  for (const h of measured) h.rank = -1;
  const worst = measured.reduce<number | null>((max, h) => (max === null || h.ms > max ? h.ms : max), null);
  return { typicalMs: median.ms, worstMs: worst !== null && worst > median.ms ? worst : null };
}

const FIRST_PERCENTILE = /\b(?:p\d{2}|median)\b/;
const FIGURE_THEN_PERCENTILE = /\d ?(?:ms|milliseconds?|millis|s|secs?|seconds?) (?:p\d{2}|median)\b/;

function figureFirst(text: string): boolean {
  const suffixed = FIGURE_THEN_PERCENTILE.exec(text);
  const first = FIRST_PERCENTILE.exec(text);
  return suffixed !== null && first !== null && suffixed.index < first.index;
}

// Module-level rather than closures: closures are re-created (and, under tsx, re-named) on every call.
function readPrefixed(text: string, claims: Claims, hits: Hit[], percentiles: boolean): void {
  for (const m of percentiles ? scan(PERCENTILE, text) : []) take(claims, hits, m, m.groups?.kind, !TARGET_WORDS.test(m.groups?.gap ?? ''));
}

function readSuffixed(text: string, claims: Claims, hits: Hit[], digits: boolean): void {
  for (const m of digits ? scanFigures(REVERSED, text) : []) take(claims, hits, m, m.groups?.kind, !TARGET_WORDS.test(text.slice(Math.max(0, m.index - 16), m.index)));
}

export function readLatency(text: string, claims: Claims): LatencyRead {
  const hits: Hit[] = [];
  const digits = hasDigit(text);
  const percentiles = digits && PERCENTILE_HINT.test(text);
  // "p50 80ms p99 400ms" names the percentile first, "150ms p50, 2s p99" after the figure: read in the style the text opens with.
  if (percentiles && figureFirst(text)) {
    readSuffixed(text, claims, hits, digits);
    readPrefixed(text, claims, hits, percentiles);
  } else {
    readPrefixed(text, claims, hits, percentiles);
    readSuffixed(text, claims, hits, digits);
  }
  const sub = text.includes('sub');
  for (const m of digits && sub ? scan(SUB, text) : []) take(claims, hits, m, undefined);
  const generic = text.includes('laten') || text.includes('respon') || text.includes('round') || text.includes('rtt');
  for (const m of digits && generic ? scan(GENERIC, text) : []) {
    const kind = m.groups?.kind ?? '';
    // "responses take 2 s" describes the work; "responses under 100 ms" is a target.
    const target = kind.startsWith('lat') || kind.startsWith('respond') || TARGET_WORDS.test(m.groups?.gap ?? '');
    if (target) take(claims, hits, m, undefined);
  }
  for (const m of sub ? scan(SUB_SECOND, text) : []) {
    if (claims.overlaps(m.index, m.index + m[0].length)) continue;
    claims.claim(m.index, m.index + m[0].length);
    hits.push({ ms: 1000, rank: 3, words: 'p99', bare: false });
  }
  const observed = observedOf(hits);
  const best = hits.filter((h) => h.rank > 0).sort((a, b) => b.rank - a.rank)[0];
  if (!best) return { p99Ms: null, heard: null, observed };
  const stated = best.words === 'p99' ? '' : ` (from the ${best.words} you gave)`;
  return { p99Ms: best.ms, heard: `p99 under ${formatDurationSpan(best.ms)}${stated}`, observed };
}
