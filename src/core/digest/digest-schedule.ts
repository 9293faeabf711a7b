import { WEEKDAYS, type DigestSchedule, type QuietWeek, type Weekday } from './digest-types.js';

// Reads "monday 09:00 Europe/Berlin skip-quiet" (in any order, any part
// optional) into a schedule, with friendly refusals that name what was wrong.

export const DEFAULT_WEEKDAY: Weekday = 'monday';
export const DEFAULT_TIME = '09:00';
export const DEFAULT_QUIET: QuietWeek = 'one-line';

export interface DigestOptions {
  schedule: DigestSchedule;
  quiet: QuietWeek;
}

export type DigestOptionsResult = { ok: true; options: DigestOptions } | { ok: false; message: string };

const WEEKDAY_WORDS = new Map<string, Weekday>(
  WEEKDAYS.flatMap((day) => [
    [day, day],
    [`${day}s`, day],
    [day.slice(0, 3), day],
  ]),
);
WEEKDAY_WORDS.set('tues', 'tuesday').set('wed', 'wednesday').set('thur', 'thursday').set('thurs', 'thursday');

const QUIET_WORDS = new Map<string, QuietWeek>([
  ['skip-quiet', 'skip'],
  ['quiet:skip', 'skip'],
  ['skip', 'skip'],
  ['one-line', 'one-line'],
  ['quiet:one-line', 'one-line'],
]);

/** The canonical name of an IANA time zone Intl knows ("europe/berlin" -> "Europe/Berlin"), else null. */
export function canonicalTimeZone(name: string): string | null {
  if (name.trim() === '') return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** "9", "9:30", "09:00", "9am", "5:30 pm" -> "HH:MM"; null when not a time of day. */
export function parseTimeOfDay(text: string): string | null {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * Reads the words after `digest subscribe`. `defaults` fill what is not said;
 * a word that is neither a weekday, a time, a quiet-week option nor a known
 * time zone is refused by name.
 */
export function parseDigestOptions(words: readonly string[], defaults: Partial<DigestOptions['schedule']> & { quiet?: QuietWeek } = {}): DigestOptionsResult {
  let weekday: Weekday | undefined;
  let time: string | undefined;
  let timezone: string | undefined;
  let quiet: QuietWeek | undefined;
  for (const raw of words) {
    const word = raw.trim();
    if (word === '') continue;
    const lower = word.toLowerCase().replace(/,$/, '');
    const day = WEEKDAY_WORDS.get(lower);
    if (day) {
      weekday = day;
      continue;
    }
    const quietWord = QUIET_WORDS.get(lower);
    if (quietWord) {
      quiet = quietWord;
      continue;
    }
    const clock = parseTimeOfDay(lower);
    if (clock) {
      time = clock;
      continue;
    }
    if (/^\d/.test(lower)) {
      return { ok: false, message: `"${word}" is not a time of day I can read. Use 24-hour HH:MM, e.g. 09:00 or 17:30.` };
    }
    const zone = canonicalTimeZone(word);
    if (!zone) {
      return {
        ok: false,
        message: `I do not know the time zone "${word}". Use an IANA name such as Europe/Berlin, America/New_York or UTC.`,
      };
    }
    timezone = zone;
  }
  const zone = timezone ?? (defaults.timezone ? canonicalTimeZone(defaults.timezone) : null) ?? 'UTC';
  return {
    ok: true,
    options: {
      schedule: { weekday: weekday ?? defaults.weekday ?? DEFAULT_WEEKDAY, time: time ?? defaults.time ?? DEFAULT_TIME, timezone: zone },
      quiet: quiet ?? defaults.quiet ?? DEFAULT_QUIET,
    },
  };
}

/** "Mondays at 09:00 (Europe/Berlin)". */
export function describeSchedule(schedule: DigestSchedule): string {
  return `${schedule.weekday[0]!.toUpperCase()}${schedule.weekday.slice(1)}s at ${schedule.time} (${schedule.timezone})`;
}
