import type { Band } from '../traffic.js';
import { HOURS_IN } from './periods.js';
import { perHour, type RateMatch } from './rates.js';
import { clauseBounds, clauseOf, gateOpen, scan, scanFigures, type Gate } from './text.js';

// Hour-of-day bands: "6-9am 10K/hour, 9am-5pm 2K/hour, 500/hour overnight".
// Time ranges and "otherwise"-style words are paired with the rate next to
// them in the same clause; the "otherwise" rate becomes the base for every
// hour no band covers.

export interface BandsRead {
  bands: Band[];
  /** Requests/hour outside the bands, or null when the person did not say. */
  base: number | null;
  /** The rates used, so they are not read again as the overall rate. */
  used: RateMatch[];
  unread: string[];
  /** The bands hold on weekdays only ("business hours"); weekends run at the base rate. */
  weekdays: 'said' | 'assumed' | null;
}

interface TimeSpec {
  start: number;
  end: number;
  /** null = the base ("overnight", "otherwise"). */
  fromHour: number | null;
  toHour: number;
  /** Named business hours ("office hours"), which imply weekdays. */
  office?: boolean;
}

const MERIDIEM = '(?:am|pm|a\\.m\\.|p\\.m\\.)';
// Sticky: tried only where figures start (see scanFigures).
const RANGE = new RegExp(
  `(?<![\\d:.,])(?<h1>\\d{1,2})(?::(?<m1>\\d{2}))? ?(?<ap1>${MERIDIEM})? ?(?:-|to|until|till|and) ?` +
    `(?<h2>\\d{1,2})(?::(?<m2>\\d{2}))? ?(?<ap2>${MERIDIEM})?(?![\\d:])`,
  'y',
);
const LEAD = /\b(?:from|between) $/;
// Business hours are weekdays unless the text says otherwise.
const WEEKDAYS = /\b(?:weekdays?|week ?days?|mon(?:day)?[- ](?:to[- ])?fri(?:day)?|monday (?:to|through|thru|-) friday|working days|business days)\b/;
const EVERY_DAY = /\b(?:7 days a week|seven days a week|every day|all week|weekends? (?:too|as well|included)|including weekends|incl\.? weekends|daily|24\/7)\b/;
const NAMED = /(?<!outside (?:of )?)\b(?:(?<office>business|working|office|work) hours|(?:during|in) (?:the )?day ?(?:time)?)\b/g;
// "nearly nothing at night": a base of zero, said in words.
const NOTHING = /\b(?:nothing|zero|none|no traffic|no requests|idle|dead|silent|quiet)\b/;
const BASE =
  /\b(?:outside (?:of )?(?:business|working|office|work) hours|overnight|at night|nights?|night ?time|otherwise|(?:the )?rest of (?:the )?(?:day|time|hours)|the rest|other (?:times|hours)|all other hours|off[- ]peak|remaining hours|(?:the )?baseline|quiet (?:hours|times?|periods?))\b/g;
/** Named business hours say "hours" or "day"; every base phrase spells one of these out ("otherwise" holds "other", "off-peak" "off"). */
export const BAND_GATES = {
  named: { words: ['hours', 'day'], patterns: [NAMED] },
  base: { words: ['outside', 'night', 'other', 'rest', 'off', 'remaining', 'baseline', 'quiet'], patterns: [BASE] },
} as const satisfies Record<string, Gate>;

// A bare "9-5" counts as hours only when a figure, not a unit, follows ("9-5 2k/hour").
// eslint-disable-next-line no-control-regex -- the vague-amount marker is a control character on purpose (numbers.ts)
const BARE_OK = /^ ?(?:$|[\d~\u0002:])/;

function to24(hour: number, meridiem: string | undefined): number {
  if (meridiem === undefined) return hour;
  const pm = meridiem.startsWith('p');
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

function readRange(groups: Record<string, string | undefined>, lead: boolean, rest: string): { from: number; to: number } | null {
  const h1 = Number(groups.h1);
  const h2 = Number(groups.h2);
  const ap1 = groups.ap1;
  const ap2 = groups.ap2;
  const clock = groups.m1 !== undefined || groups.m2 !== undefined;
  if (ap1 === undefined && ap2 === undefined && !clock && !lead && !BARE_OK.test(rest)) return null;
  if (h1 > 24 || h2 > 24 || (ap1 && h1 > 12) || (ap2 && h2 > 12)) return null;
  let from: number;
  let to: number;
  if (ap1 === undefined && ap2 !== undefined) {
    to = to24(h2, ap2);
    from = to24(h1, ap2);
    // "11-1pm" is 11:00 to 13:00, not 23:00 to 13:00.
    if (from > to) from = to24(h1, ap2.startsWith('p') ? 'am' : 'pm');
  } else if (ap1 !== undefined && ap2 === undefined) {
    from = to24(h1, ap1);
    to = to24(h2, ap1);
    if (to <= from) to = to24(h2, ap1.startsWith('p') ? 'am' : 'pm');
  } else if (ap1 !== undefined && ap2 !== undefined) {
    from = to24(h1, ap1);
    to = to24(h2, ap2);
  } else {
    from = h1;
    to = h2;
    // "9-5" without am/pm is office hours.
    if (!clock && h1 <= 12 && h2 <= 12 && h2 <= h1) to = h2 + 12;
  }
  // Minutes round outwards to whole hours: "9:30-11" covers 9 and 10.
  if (groups.m2 !== undefined && Number(groups.m2) > 0) to += 1;
  from %= 24;
  if (to === 0) to = 24;
  to = Math.min(to, 24);
  if (from === to % 24) return null;
  return { from, to };
}

function findTimeSpecs(text: string): TimeSpec[] {
  const specs: TimeSpec[] = [];
  for (const m of scanFigures(RANGE, text)) {
    const end = m.index + m[0].length;
    const lead = LEAD.test(text.slice(Math.max(0, m.index - 8), m.index));
    const hours = readRange(m.groups ?? {}, lead, text.slice(end, end + 3));
    if (hours) specs.push({ start: m.index, end, fromHour: hours.from, toHour: hours.to });
  }
  for (const m of gateOpen(BAND_GATES.named, text) ? scan(NAMED, text) : []) {
    // Office hours are 9-17; "during the day" is taken as 8-20.
    const office = m.groups?.office !== undefined;
    specs.push({ start: m.index, end: m.index + m[0].length, fromHour: office ? 9 : 8, toHour: office ? 17 : 20, office });
  }
  for (const m of gateOpen(BAND_GATES.base, text) ? scan(BASE, text) : []) specs.push({ start: m.index, end: m.index + m[0].length, fromHour: null, toHour: 0 });
  return specs;
}

function pair(read: BandsRead, spec: TimeSpec, rate: RateMatch): void {
  read.used.push(rate);
  if (spec.fromHour === null) {
    read.base = perHour(rate);
    return;
  }
  const hours = (spec.toHour - spec.fromHour + 24) % 24 || 24;
  // "10k a day between 9 and 5" spreads the day's figure over the band's hours.
  const expected = (rate.low + rate.high) / 2;
  const requestsPerHour = HOURS_IN[rate.period] >= 24 ? (expected * 24) / HOURS_IN[rate.period] / hours : perHour(rate);
  read.bands.push({ fromHour: spec.fromHour, toHour: spec.toHour, requestsPerHour });
}

type Item = { kind: 'time'; spec: TimeSpec } | { kind: 'rate'; rate: RateMatch };

export function readBands(text: string, rates: readonly RateMatch[]): BandsRead | null {
  if (rates.length === 0) return null;
  const specs = findTimeSpecs(text);
  if (!specs.some((s) => s.fromHour !== null)) return null;
  const bounds = clauseBounds(text);
  const items: Item[] = [
    ...specs.filter((s) => !rates.some((r) => s.start < r.end && r.start < s.end)).map((spec) => ({ kind: 'time' as const, spec })),
    ...rates.map((rate) => ({ kind: 'rate' as const, rate })),
  ].sort((a, b) => startOf(a) - startOf(b));

  const read: BandsRead = { bands: [], base: null, used: [], unread: [], weekdays: null };
  for (let i = 0; i < items.length; i++) {
    const a = items[i];
    const b = items[i + 1];
    if (!a || !b || clauseOf(bounds, startOf(a)) !== clauseOf(bounds, startOf(b))) continue;
    if (a.kind === 'time' && b.kind === 'rate') {
      pair(read, a.spec, b.rate);
      i++;
    } else if (a.kind === 'rate' && b.kind === 'time') {
      const c = items[i + 2];
      const d = items[i + 3];
      // "10k/hour 6-9am" unless that time range is the head of the next pair
      // ("100 rps during the day and 20 at night" pairs rate-time twice).
      const sameClause = (x: Item | undefined) => x !== undefined && clauseOf(bounds, startOf(x)) === clauseOf(bounds, startOf(b));
      const nextPairsRateFirst = d?.kind === 'time' && sameClause(d);
      if (c && c.kind === 'rate' && sameClause(c) && !nextPairsRateFirst) continue;
      pair(read, b.spec, a.rate);
      i++;
    }
  }
  // "used 9am-5pm on weekdays, 10 rps": one time range and one rate, a clause apart, belong together.
  const ranges = items.filter((x) => x.kind === 'time' && x.spec.fromHour !== null);
  const rateItems = items.filter((x) => x.kind === 'rate');
  if (read.bands.length === 0 && ranges.length === 1 && rateItems.length === 1 && ranges[0]?.kind === 'time' && rateItems[0]?.kind === 'rate') {
    pair(read, ranges[0].spec, rateItems[0].rate);
  }
  if (read.bands.length === 0) return null;
  if (read.base === null && specs.some((s) => s.fromHour === null && NOTHING.test(clauseText(text, bounds, s.start)))) read.base = 0;
  if (!EVERY_DAY.test(text)) read.weekdays = WEEKDAYS.test(text) ? 'said' : specs.some((s) => s.office) ? 'assumed' : null;
  return read;
}

function clauseText(text: string, bounds: readonly number[], pos: number): string {
  const i = clauseOf(bounds, pos);
  return text.slice(bounds[i] ?? 0, bounds[i + 1] ?? text.length);
}

function startOf(item: Item): number {
  return item.kind === 'time' ? item.spec.start : item.rate.start;
}
