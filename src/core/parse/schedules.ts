import { numberSource, readNumber } from './numbers.js';
import { HOURS_IN, type Period, toPeriod } from './periods.js';
import type { Claims } from './spans.js';
import { gateOpen, scan, type Gate } from './text.js';

// Schedules: "nightly", "every 5 minutes", "once a day", "twice a day",
// "weekly", "hourly", cron expressions. A schedule is a number of runs a day
// and, for runs less often than hourly, the hour they start at.

export interface ScheduleMatch {
  start: number;
  end: number;
  runsPerDay: number;
  /** Hour of the first run (nightly jobs run at night). */
  firstHour: number;
  /** "every 5 minutes", "once a day" ... */
  words: string;
  /** Explicit schedule words (cron, nightly, every N): also sets the trigger. */
  strong: boolean;
}

const EVERY = new RegExp(
  `\\bevery (?:(?:other|second) (?<other>day|week|hour)|${numberSource('n', false)} ?)?` +
    `(?<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|mornings?|evenings?|weekdays?|weeks?|fortnights?|months?)(?![a-z])`,
  'g',
);
const TIMES = /\b(?<count>once|twice|thrice) (?:(?:a|an|per|every|each) )?(?<unit>hour|day|night|weekday|week|fortnight|month|quarter|year)(?![a-z])/g;
// eslint-disable-next-line no-control-regex -- the vague-amount marker is a control character on purpose (numbers.ts)
const ADVERB = /(?<![\d~\u0002] ?)\b(?<adv>hourly|nightly|daily|weekly|fortnightly|monthly|quarterly|yearly|annually)\b/g;
// "at month-end", "end of each quarter": once a period.
const PERIOD_END = /\b(?:(?<p1>month|quarter|year)[- ]end|end of (?:the |each |every )?(?<p2>month|quarter|year))\b/g;
const CRON_NAMED = /@(?<named>hourly|daily|midnight|weekly|monthly|yearly|annually)\b/g;
// Five fields of digits, *, /, - and commas, e.g. "0 2 * * *" or "*/5 * * * *".
const CRON = /(?<![\w*/,-])(?<fields>[\d*/,-]{1,20}(?: [\d*/,-]{1,20}){4})(?![\w*/,-])/g;

const NIGHT_HOUR = 2;

/** What each pattern spells out in every alternative ("hourly" ... "annually" all end in "ly"). */
export const SCHEDULE_GATES = {
  every: { words: ['every'], patterns: [EVERY] },
  times: { words: ['once', 'twice', 'thrice'], patterns: [TIMES] },
  adverb: { words: ['ly'], patterns: [ADVERB] },
} as const satisfies Record<string, Gate>;
const AT_AFTER = /^,? ?(?:at|@) ?(?<h>\d{1,2})(?::\d{2})? ?(?<ap>am|pm|a\.m\.|p\.m\.)?(?![\d:])/;
const AT_BEFORE = /\b(?:at|@) ?(?<h>\d{1,2})(?::\d{2})? ?(?<ap>am|pm|a\.m\.|p\.m\.)?,? ?$/;

/** "every night at 2am", "at 17:00 daily": the hour the run starts, if said. */
function statedHour(text: string, start: number, end: number): number | null {
  const m = AT_AFTER.exec(text.slice(end, end + 16)) ?? AT_BEFORE.exec(text.slice(Math.max(0, start - 16), start));
  if (!m) return null;
  let hour = Number(m.groups?.h);
  const ap = m.groups?.ap;
  if (ap !== undefined) {
    if (hour > 12) return null;
    hour = (hour % 12) + (ap.startsWith('p') ? 12 : 0);
  }
  return hour < 24 ? hour : null;
}

interface Finding {
  text: string;
  claims: Claims;
  found: ScheduleMatch[];
}

// Module-level rather than a closure: closures are re-created (and, under tsx, re-named) on every call.
function add(f: Finding, start: number, end: number, runsPerDay: number, firstHour: number, words: string, strong: boolean): void {
  if (f.claims.overlaps(start, end) || !(runsPerDay > 0) || !Number.isFinite(runsPerDay)) return;
  const hour = runsPerDay < 24 ? statedHour(f.text, start, end) : null;
  // The echo quotes the person's words, so the internal "roughly" marker becomes a word again.
  const said = words.replaceAll('\u0002 ', 'about ').replaceAll('\u0002', 'about ');
  const at = hour === null ? said : `${said} at ${String(hour).padStart(2, '0')}:00`;
  f.found.push({ start, end, runsPerDay, firstHour: hour ?? firstHour, words: at, strong });
}

export function findSchedules(text: string, claims: Claims): ScheduleMatch[] {
  const found: ScheduleMatch[] = [];
  const f: Finding = { text, claims, found };
  for (const m of gateOpen(SCHEDULE_GATES.every, text) ? scan(EVERY, text) : []) {
    const g = m.groups ?? {};
    const unitWord = g.unit ?? '';
    const n = g.other ? 2 : (readNumber(g, 'n')?.value ?? 1);
    const base = unitWord.replace(/s$/, '');
    const period = toPeriod(g.other ?? (base === 'morning' || base === 'evening' ? 'day' : base));
    if (!period || n <= 0) continue;
    let runs = 24 / (HOURS_IN[period] * n);
    if (base === 'weekday') runs = 5 / 7;
    const hour = base === 'night' ? NIGHT_HOUR : base === 'morning' ? 6 : base === 'evening' ? 18 : 0;
    add(f, m.index, m.index + m[0].length, runs, hour, m[0], true);
  }
  for (const m of gateOpen(SCHEDULE_GATES.times, text) ? scan(TIMES, text) : []) {
    const g = m.groups ?? {};
    const count = g.count === 'once' ? 1 : g.count === 'twice' ? 2 : 3;
    const period = toPeriod(g.unit);
    if (!period) continue;
    let runs = (count * 24) / HOURS_IN[period];
    if (g.unit === 'weekday') runs = (count * 5) / 7;
    add(f, m.index, m.index + m[0].length, runs, g.unit === 'night' ? NIGHT_HOUR : 0, m[0], true);
  }
  for (const m of gateOpen(SCHEDULE_GATES.adverb, text) ? scan(ADVERB, text) : []) {
    const adv = m.groups?.adv ?? '';
    const period = toPeriod(adv) as Period;
    // "hourly"/"daily" alone are weaker than "nightly" or cron: "our daily report" is a schedule, but so vague it only fills gaps.
    add(f, m.index, m.index + m[0].length, 24 / HOURS_IN[period], adv === 'nightly' ? NIGHT_HOUR : 0, adv, adv === 'nightly');
  }
  for (const m of text.includes('end') ? scan(PERIOD_END, text) : []) {
    const period = toPeriod(m.groups?.p1 ?? m.groups?.p2) as Period;
    add(f, m.index, m.index + m[0].length, 24 / HOURS_IN[period], NIGHT_HOUR, m[0], true);
  }
  for (const m of text.includes('@') ? scan(CRON_NAMED, text) : []) {
    const named = m.groups?.named ?? '';
    const period = toPeriod(named === 'midnight' ? 'daily' : named) as Period;
    add(f, m.index, m.index + m[0].length, 24 / HOURS_IN[period], 0, `cron @${named}`, true);
  }
  for (const m of text.includes('*') ? scan(CRON, text) : []) {
    const cron = readCron(m.groups?.fields ?? '');
    if (cron) add(f, m.index, m.index + m[0].length, cron.runsPerDay, cron.firstHour, `cron "${m[0]}"`, true);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Values a cron field matches within [min, max], or null when unreadable. */
function cronField(field: string, min: number, max: number): number[] | null {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d{1,2})(?:-(\d{1,2}))?(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? min : Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values];
}

function readCron(fields: string): { runsPerDay: number; firstHour: number } | null {
  const [min, hour, dom, month, dow] = fields.split(' ');
  if (min === undefined || hour === undefined || dom === undefined || month === undefined || dow === undefined) return null;
  const minutes = cronField(min, 0, 59);
  const hours = cronField(hour, 0, 23);
  const days = cronField(dom, 1, 31);
  const months = cronField(month, 1, 12);
  const weekdays = cronField(dow, 0, 7);
  if (!minutes || !hours || !days || !months || !weekdays) return null;
  // A bare "1 2 3 4 5" is more likely a list of numbers than a cron line.
  if (!fields.includes('*')) return null;
  const dayShare = (dom === '*' ? 1 : days.length / 30.4) * (dow === '*' ? 1 : Math.min(weekdays.length, 7) / 7) * (months.length / 12);
  return { runsPerDay: minutes.length * hours.length * dayShare, firstHour: Math.min(...hours) };
}
