import { flatProfile } from '../traffic.js';
import type { Traffic } from '../workload.js';

// A schedule expression is traffic the bot need not ask: rate(5 minutes) is
// 12 runs an hour, cron(0 2 * * ? *) one run a day at 02:00 UTC. Both
// EventBridge forms are read; anything else stays unknown and is asked.

const UNIT_MINUTES: Record<string, number> = { minute: 1, hour: 60, day: 1440 };
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function scheduleTraffic(expression: string): Traffic | null {
  const text = expression.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/i.exec(text);
  if (rate) {
    const every = Number(rate[1]) * (UNIT_MINUTES[(rate[2] ?? '').toLowerCase()] ?? 0);
    if (every <= 0) return null;
    const perHour = 60 / every;
    return { hourly: flatProfile(perHour), basis: 'schedule', echo: `${runsWords(perHour * 24)} a day on a schedule (${text})` };
  }
  const cron = /^cron\((.+)\)$/i.exec(text);
  if (!cron) return null;
  const fields = (cron[1] ?? '').trim().split(/\s+/);
  if (fields.length !== 6) return null;
  const [minute, hour, dayOfMonth, , dayOfWeek] = fields as [string, string, string, string, string];
  const minutes = expand(minute, 0, 59);
  const hours = expand(hour, 0, 23);
  if (!minutes || !hours) return null;
  const dayShare = dayShareOf(dayOfMonth, dayOfWeek);
  if (dayShare === null) return null;
  const hourly = flatProfile(0);
  for (const h of hours) hourly[h] = minutes.length * dayShare;
  const perDay = minutes.length * hours.length * dayShare;
  return { hourly, basis: 'schedule', echo: `${runsWords(perDay)} a day on a schedule (${text})` };
}

/** Share of days the job runs on: every day 1, weekdays 5/7, one day a month 1/30.4. */
function dayShareOf(dayOfMonth: string, dayOfWeek: string): number | null {
  if (dayOfMonth === '*' || dayOfMonth === '?') {
    if (dayOfWeek === '*' || dayOfWeek === '?') return 1;
    const days = expand(dayOfWeek.toUpperCase().replace(/[A-Z]{3}/g, (d) => String(DAY_NAMES.indexOf(d) + 1)), 1, 7);
    return days ? days.length / 7 : null;
  }
  const dates = expand(dayOfMonth.replace(/[LW]/g, ''), 1, 31);
  return dates ? (dates.length * 12) / 365 : null;
}

/** "*", "5", "1-5", "0/15", "*\/10", "1,15,30" -> the values; null when unreadable. */
function expand(field: string, min: number, max: number): number[] | null {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? min : Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step < 1 || from < min || to > max || from > to) return null;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values];
}

function runsWords(perDay: number): string {
  const rounded = Math.round(perDay * 100) / 100;
  return `${rounded.toLocaleString('en-US')} run${rounded === 1 ? '' : 's'}`;
}
