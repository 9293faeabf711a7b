import type { Traffic } from '../workload.js';
import { PERIOD_LABEL } from './periods.js';
import { perHour, type RateMatch } from './rates.js';
import { after, before, clauseBounds, scan } from './text.js';
import { flatProfile as flat } from '../traffic.js';
import { monthly, rateWords, spreadOf, type TrafficRead } from './traffic-shapes.js';

// "5,000 rps at peak, 800 rps on average": rates labelled as a peak or an
// average by the words next to them.

const PEAK = /\b(?:peaks?|at peak|peaking|max(?:imum)?|spikes?|bursts?|busiest|top)\b/g;
const AVERAGE = /\b(?:average|averaging|avg|mean|typically|normally|usually|baseline)\b/g;

/** Position of the last match in `words`, or -1. */
function lastAt(re: RegExp, words: string): number {
  const all = scan(re, words);
  return all.length === 0 ? -1 : (all[all.length - 1]?.index ?? -1);
}

/** Whether the words next to a rate call it a peak or an average; the nearest word before it wins, then the words after. */
function labelOf(text: string, bounds: readonly number[], r: RateMatch): 'peak' | 'average' | null {
  const lead = before(text, bounds, r.start, 20);
  const peakAt = lastAt(PEAK, lead);
  const averageAt = lastAt(AVERAGE, lead);
  if (peakAt >= 0 || averageAt >= 0) return peakAt > averageAt ? 'peak' : 'average';
  const tail = after(text, bounds, r.end, 20).split(/\d/)[0] ?? '';
  const peakNext = lastAt(PEAK, tail);
  const averageNext = lastAt(AVERAGE, tail);
  if (peakNext < 0 && averageNext < 0) return null;
  if (peakNext < 0) return 'average';
  if (averageNext < 0) return 'peak';
  return peakNext < averageNext ? 'peak' : 'average';
}

const ANY_LABEL = /peak|max|spike|burst|busiest|top|aver|avg|mean|typically|normally|usually|baseline/;

export function peakAndAverage(text: string, rates: readonly RateMatch[]): { peak?: RateMatch; average?: RateMatch } {
  if (!ANY_LABEL.test(text)) return {};
  const bounds = clauseBounds(text);
  let peak: RateMatch | undefined;
  let average: RateMatch | undefined;
  for (const r of rates) {
    const label = labelOf(text, bounds, r);
    if (!peak && label === 'peak') peak = r;
    else if (!average && label === 'average') average = r;
  }
  return { ...(peak ? { peak } : {}), ...(average ? { average } : {}) };
}

/**
 * "5,000 rps at peak, 800 rps on average": the shape is unknown, so the peak
 * is assumed to last up to 3 hours and the other hours carry the rest of the
 * day's total. Cost follows the total, server sizing the peak.
 */
export function fromPeakAndAverage(peak: RateMatch, average: RateMatch): TrafficRead {
  const peakPerHour = perHour(peak);
  const dayTotal = perHour(average) * 24;
  const peakHours = Math.max(1, Math.min(3, Math.floor(dayTotal / peakPerHour)));
  const rest = Math.max(0, (dayTotal - peakHours * peakPerHour) / (24 - peakHours));
  const hourly = flat(rest);
  for (let h = 0; h < peakHours; h++) hourly[12 + h] = peakPerHour;
  const avgWords = rateWords(average, `${average.noun}/${PERIOD_LABEL[average.period]}`);
  const echo = `${avgWords} on average, peaks of ${rateWords(peak, `/${PERIOD_LABEL[peak.period]}`).replace(' /', '/')} (assumed ${peakHours} peak hour${peakHours === 1 ? '' : 's'} a day)`;
  const spread = spreadOf(average.approx, average.low, average.high);
  const traffic: Traffic = { hourly, basis: 'bands', echo, ...(spread ? { spread } : {}) };
  return { traffic, heard: `${echo} (${monthly(hourly)})`, unread: [] };
}
