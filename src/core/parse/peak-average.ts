import type { Traffic } from '../workload.js';
import { PERIOD_LABEL } from './periods.js';
import { perHour, type RateMatch } from './rates.js';
import { after, before, clauseBounds, scan } from './text.js';
import { flatProfile as flat } from '../traffic.js';
import { monthly, rateWords, spreadOf, type TrafficRead } from './traffic-shapes.js';

// Rates labelled by the words next to them: "5,000 rps at peak, 800 rps on
// average", "1000/min at peak, 100/min at night", "peak is 3x the average".
// The day's shape is unknown, so each reading states the shape it assumed.

// "off-peak" is a time of day, not the peak.
const PEAK = /(?<!off[- ])\b(?:peaks?|at peak|peaking|max(?:imum)?|spikes?|bursts?|busiest|top)\b/g;
const AVERAGE = /\b(?:average|averaging|avg|mean|typically|normally|usually|baseline)\b/g;
const NIGHT = /\b(?:at night|overnight|nights?|night ?time|off[- ]peak|quiet hours|outside (?:of )?(?:business|office|working) hours)\b/g;

type Label = 'peak' | 'average' | 'night';

/** Position of the last match in `words`, or -1. */
function lastAt(re: RegExp, words: string): number {
  const all = scan(re, words);
  return all.length === 0 ? -1 : (all[all.length - 1]?.index ?? -1);
}

/** The nearest label word before the rate wins, then the first one after it. */
function labelOf(text: string, bounds: readonly number[], r: RateMatch): Label | null {
  const lead = before(text, bounds, r.start, 20);
  const positions: [Label, number][] = [['peak', lastAt(PEAK, lead)], ['average', lastAt(AVERAGE, lead)], ['night', lastAt(NIGHT, lead)]];
  const nearestBefore = positions.filter(([, at]) => at >= 0).sort((a, b) => b[1] - a[1])[0];
  if (nearestBefore) return nearestBefore[0];
  const tail = after(text, bounds, r.end, 24).split(/\d/)[0] ?? '';
  const firstAfter = ([['peak', PEAK], ['average', AVERAGE], ['night', NIGHT]] as [Label, RegExp][])
    .map(([label, re]) => [label, scan(re, tail)[0]?.index ?? -1] as [Label, number])
    .filter(([, at]) => at >= 0)
    .sort((a, b) => a[1] - b[1])[0];
  return firstAfter ? firstAfter[0] : null;
}

const ANY_LABEL = /peak|max|spike|burst|busiest|top|aver|avg|mean|typically|normally|usually|baseline|night|off-peak|outside|doubles|triples|quadruples/;

export interface Labelled {
  peak?: RateMatch;
  average?: RateMatch;
  night?: RateMatch;
  /** "peak is 3x the average": the peak hour over the average hour. */
  ratio?: number;
}

const MULTIPLY_VERBS: Record<string, number> = { doubles: 2, triples: 3, quadruples: 4 };
const VERB_RATIO = /\b(?:traffic|load|requests?|usage|volume) (?<verb>doubles|triples|quadruples) (?:at|around|during|over|in) (?:the )?(?:lunch|noon|peak|rush|busy|evening|morning)/;

const RATIOS = [
  /\b(?:peaks?|spikes?|bursts?|surges?)(?: (?:traffic|load|hours?|rate|time))?(?: (?:is|are|of|at|around|about|hits?|reach(?:es|ing)?|goes to|runs at|up to|to))* ?~?(?<n>\d{1,4}(?:\.\d{1,2})?) ?(?:x|times)(?![a-z])/,
  /(?<![\d.])(?<n>\d{1,4}(?:\.\d{1,2})?) ?(?:x|times) (?:the |our )?(?:average|normal|baseline|usual|mean)(?: (?:load|traffic|rate))? (?:at|during|in) (?:the )?(?:peaks?|busy|busiest)/,
  /\bpeak[- ](?:to|\/)[- ](?:average|mean)(?: ratio)?(?: (?:of|is|around|about))? ?~?(?<n>\d{1,4}(?:\.\d{1,2})?)/,
];

export function peakAndAverage(text: string, rates: readonly RateMatch[]): Labelled {
  if (!ANY_LABEL.test(text)) return {};
  const bounds = clauseBounds(text);
  const out: Labelled = {};
  for (const r of rates) {
    const label = labelOf(text, bounds, r);
    if (label && !out[label]) out[label] = r;
  }
  for (const re of RATIOS) {
    const n = Number(re.exec(text)?.groups?.n);
    if (n > 1) {
      out.ratio = n;
      break;
    }
  }
  const verb = out.ratio === undefined ? VERB_RATIO.exec(text)?.groups?.verb : undefined;
  if (verb) out.ratio = MULTIPLY_VERBS[verb];
  return out;
}

/** A copy of a rate at a multiple of its figures, for shapes built from a ratio. */
export function timesRate(r: RateMatch, factor: number): RateMatch {
  return { ...r, low: r.low * factor, high: r.high * factor };
}

/**
 * "5,000 rps at peak, 800 rps on average": the peak is assumed to last up to 3
 * hours and the other hours carry the rest of the day's total. Cost follows the
 * total, server sizing the peak.
 */
export function fromPeakAndAverage(peak: RateMatch, average: RateMatch, assumption?: string, spread?: Traffic['spread']): TrafficRead {
  const peakPerHour = perHour(peak);
  const dayTotal = perHour(average) * 24;
  const peakHours = Math.max(1, Math.min(3, Math.floor(dayTotal / peakPerHour)));
  const rest = Math.max(0, (dayTotal - peakHours * peakPerHour) / (24 - peakHours));
  const hourly = flat(rest);
  for (let h = 0; h < peakHours; h++) hourly[12 + h] = peakPerHour;
  const avgWords = rateWords(average, `${average.noun}/${PERIOD_LABEL[average.period]}`);
  const echo = `${avgWords} on average, peaks of ${rateWords(peak, `/${PERIOD_LABEL[peak.period]}`).replace(' /', '/')} (assumed ${peakHours} peak hour${peakHours === 1 ? '' : 's'} a day)`;
  const ownSpread = spread ?? spreadOf(average.approx, average.low, average.high);
  const traffic: Traffic = { hourly, basis: 'bands', echo, ...(ownSpread ? { spread: ownSpread } : {}), ...(assumption ? { assumption } : {}) };
  return { traffic, heard: `${echo} (${monthly(hourly)})`, unread: [] };
}

/** Hours taken as night when only "at night" is said: 22:00-06:00. */
const NIGHT_HOURS = [22, 23, 0, 1, 2, 3, 4, 5];
const PEAK_HOURS = [12, 13, 14];

/**
 * "1000/min at peak, 100/min at night" (the day between is the midpoint), or a
 * plain day rate with a night rate ("1000/min, 100/min at night").
 */
export function fromDayAndNight(day: RateMatch, night: RateMatch, dayIsPeak: boolean): TrafficRead {
  const dayPerHour = perHour(day);
  const nightPerHour = Math.min(perHour(night), dayPerHour);
  const between = dayIsPeak ? (dayPerHour + nightPerHour) / 2 : dayPerHour;
  const hourly = flat(between);
  for (const h of NIGHT_HOURS) hourly[h] = nightPerHour;
  if (dayIsPeak) for (const h of PEAK_HOURS) hourly[h] = dayPerHour;
  const unit = `${day.noun}/${PERIOD_LABEL[day.period]}`;
  const nightWords = rateWords(night, `/${PERIOD_LABEL[night.period]}`).replace(' /', '/');
  const echo = dayIsPeak
    ? `peaks of ${rateWords(day, unit)} (12:00-15:00), ${nightWords} at night (22:00-06:00), the midpoint in between`
    : `${rateWords(day, unit)} by day, ${nightWords} at night (22:00-06:00)`;
  const assumption = dayIsPeak
    ? 'Only the peak and the night rate were given: assumed 3 peak hours (12:00-15:00), night 22:00-06:00, and the midpoint of the two in the other hours.'
    : 'Night taken as 22:00-06:00; the day rate fills the other 16 hours.';
  const spread = spreadOf(day.approx, day.low, day.high);
  const traffic: Traffic = { hourly, basis: 'bands', echo, assumption, ...(spread ? { spread } : {}) };
  return { traffic, heard: `${echo} (${monthly(hourly)})`, unread: [] };
}

/** A lone peak ("~2k rpm at peak"): the average is lower; half the peak is assumed, and the band spans a flat day at the peak. */
export const LONE_PEAK_AVERAGE_SHARE = 0.5;

export function fromLonePeak(peak: RateMatch): TrafficRead {
  const average = timesRate(peak, LONE_PEAK_AVERAGE_SHARE);
  const assumption = `Only the peak (${rateWords(peak, `${peak.noun}/${PERIOD_LABEL[peak.period]}`)}) was given: assumed the average is half of it, a typical daily curve; the cost band runs from a quarter of the peak on average to the peak all day. Give the average or the busy hours for a firmer figure.`;
  return fromPeakAndAverage(peak, average, assumption, { low: 0.5, high: 2 });
}
