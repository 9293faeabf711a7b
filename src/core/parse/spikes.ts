import type { Claims } from './spans.js';
import { perHour, type RateMatch } from './rates.js';
import { clauseBounds, clauseOf, scan } from './text.js';

// Occasional surges: "normally ~20 rps but Black Friday is 50x", "launch day
// hits 2000 rps for 3 hours". The normal month is priced as the normal month;
// the surge is priced apart, with the concurrency it needs. A daily peak
// ("peak is 3x the average") is not a surge: it is the shape of every day.

export interface SpikeRead {
  words: string;
  /** "50x": the multiple of normal traffic, when given as one. */
  factor: number | null;
  /** "hits 2000 rps": the surge as a rate, when given as one (per hour). */
  perHour: number | null;
  hours: number;
  hoursStated: boolean;
  /** Rates that describe the surge, not the normal traffic. */
  used: RateMatch[];
}

const EVENT =
  /\b(?:black friday|cyber monday|prime day|singles day|boxing day|christmas|holiday (?:season|sales?|rush|peak)|the holidays|new year'?s?(?: eve)?|super ?bowl|world cup|(?:product |app )?launch(?:es| days?)?|go[- ]live|flash sales?|big sales?|sales? (?:events?|days?)|seasonal (?:sales?|peaks?)|(?:marketing )?campaigns?|promos?|promotions?|marketing (?:emails?|pushes|blasts)|newsletters?|tv (?:ads?|spots?)|ticket (?:sales?|releases?|drops?)|end of (?:the )?(?:month|quarter|year)|month[- ]end|quarter[- ]end|year[- ]end|tax (?:day|season)|paydays?|game days?|match days?|election night|goes viral|going viral)\b/g;
const ANY_EVENT = new RegExp(EVENT.source);
const MULTIPLIER = /(?<![\d.])(?<n>\d{1,5}(?:\.\d{1,2})?) ?(?:x|times)(?! (?:a|an|per|every|each)\b)(?![a-z])|\b(?<verb>doubles|triples|quadruples|twice|triple|double)\b/;
const LASTS = /\b(?:for|lasts?|lasting|over) (?:about |around |~ ?)?(?<n>\d{1,3}) ?(?<u>hours?|hrs?|h|days?)\b/;
const VERBS: Record<string, number> = { doubles: 2, double: 2, twice: 2, triples: 3, triple: 3, quadruples: 4 };

/** One surge at most: the first event word with a size beside it in its clause. */
export function findSpike(text: string, claims: Claims, rates: readonly RateMatch[]): SpikeRead | null {
  if (!ANY_EVENT.test(text)) return null;
  const bounds = clauseBounds(text);
  for (const m of scan(EVENT, text)) {
    const clause = clauseOf(bounds, m.index);
    const from = bounds[clause] ?? 0;
    const to = bounds[clause + 1] ?? text.length;
    const words = text.slice(from, to);
    const multiplier = MULTIPLIER.exec(words);
    const inClause = rates.filter((r) => r.start >= from && r.end <= to);
    const factor = multiplier ? (multiplier.groups?.n ? Number(multiplier.groups.n) : (VERBS[multiplier.groups?.verb ?? ''] ?? null)) : null;
    const rate = inClause[0];
    if (!(factor !== null && factor > 1) && !rate) continue;
    if (multiplier) claims.claim(from + multiplier.index, from + multiplier.index + multiplier[0].length);
    const lasts = LASTS.exec(words);
    let hours = 24;
    if (lasts) {
      claims.claim(from + lasts.index, from + lasts.index + lasts[0].length);
      hours = Number(lasts.groups?.n) * (lasts.groups?.u?.startsWith('d') ? 24 : 1);
    }
    return {
      words: m[0],
      factor: factor !== null && factor > 1 ? factor : null,
      perHour: factor !== null && factor > 1 ? null : rate ? perHour(rate) : null,
      hours: Math.min(Math.max(hours, 1), 730),
      hoursStated: lasts !== null,
      used: factor !== null && factor > 1 ? [] : rate ? [rate] : [],
    };
  }
  return null;
}
