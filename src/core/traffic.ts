import { DAYS_PER_MONTH, type HourlyProfile, type Traffic } from './workload.js';

// Builders and derived figures for the 24-hour traffic profile. A month is
// 730 hours, so a typical day repeats 730/24 = 30.4167 times.

export function flatProfile(requestsPerHour: number): number[] {
  // fill, not Array.from with a callback: this runs several times per assessment.
  return new Array<number>(24).fill(requestsPerHour);
}

export interface Band {
  /** First hour, 0-23, inclusive. */
  fromHour: number;
  /** Hour the band ends, 1-24, exclusive; may be below fromHour when it wraps midnight. */
  toHour: number;
  requestsPerHour: number;
}

/**
 * Applies bands over a base rate ("500/hour overnight" is usually the base).
 * Later bands win where they overlap.
 */
export function profileFromBands(bands: readonly Band[], baseRequestsPerHour = 0): number[] {
  const hourly = flatProfile(baseRequestsPerHour);
  for (const band of bands) {
    const span = (band.toHour - band.fromHour + 24) % 24 || 24;
    for (let i = 0; i < span; i++) hourly[(band.fromHour + i) % 24] = band.requestsPerHour;
  }
  return hourly;
}

export function requestsPerDay(hourly: HourlyProfile): number {
  let sum = 0;
  for (const h of hourly) sum += h;
  return sum;
}

export function monthlyRequests(hourly: HourlyProfile): number {
  return requestsPerDay(hourly) * DAYS_PER_MONTH;
}

export function averageRps(hourly: HourlyProfile): number {
  return requestsPerDay(hourly) / 86_400;
}

/** Average rate within the busiest hour. */
export function peakRps(hourly: HourlyProfile): number {
  return Math.max(...hourly) / 3600;
}

/** Peak hour over the average hour: 1 for steady traffic, high for spiky. */
export function scaleProfile(hourly: HourlyProfile, factor: number): number[] {
  return hourly.map((h) => h * factor);
}

export function scaleTraffic(traffic: Traffic, factor: number): Traffic {
  const scaled: Traffic = { ...traffic, hourly: scaleProfile(traffic.hourly, factor), echo: `${traffic.echo} x${formatFactor(factor)}` };
  if (traffic.week) scaled.week = { weekdays: scaleProfile(traffic.week.weekdays, factor), weekend: scaleProfile(traffic.week.weekend, factor) };
  return scaled;
}

/** Weekdays and weekend days in the week, for traffic that differs between them. */
export const WEEKDAY_SHARE = 5 / 7;

/** The average day of a week with these two day shapes. */
export function averageDay(weekdays: HourlyProfile, weekend: HourlyProfile): number[] {
  const day: number[] = [];
  for (let h = 0; h < 24; h++) day.push((weekdays[h] ?? 0) * WEEKDAY_SHARE + (weekend[h] ?? 0) * (1 - WEEKDAY_SHARE));
  return day;
}

/** Requests in the busiest hour of the week (the average day hides a weekday peak). */
export function peakHourRequests(traffic: Traffic): number {
  if (!traffic.week) return Math.max(...traffic.hourly);
  return Math.max(...traffic.week.weekdays, ...traffic.week.weekend);
}

/** Average rate within the busiest hour of the week. */
export function trafficPeakRps(traffic: Traffic): number {
  return peakHourRequests(traffic) / 3600;
}

function formatFactor(f: number): string {
  return Number.isInteger(f) ? String(f) : f.toFixed(2).replace(/\.?0+$/, '');
}

