import type { HourlyPoint } from './metric-types.js';

// Hour arithmetic shared by every kind of measurement: series come in hourly
// datapoints, and a newer workload covers less than the window asked for.

export const HOUR_MS = 3_600_000;

/** Where and over which hours a measurement was taken; every kind of measurement starts with it. */
export interface MeasuredPeriod {
  /** "lambda:resize-images", as typed. */
  source: string;
  region: string;
  /** The window asked for. */
  window: { start: string; end: string; days: number };
  /** From the first hour with data (a newer workload covers less than the window). */
  coveredFrom: string;
  coveredDays: number;
  /** "measured over 14 days". */
  note: string;
}

export function hourOf(iso: string): number {
  return Math.floor(Date.parse(iso) / HOUR_MS) * HOUR_MS;
}

export function hourText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatDays(days: number): string {
  const rounded = Math.round(days * 10) / 10;
  return rounded === 1 ? '1 day' : `${rounded} days`;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function sortedByTime(points: readonly HourlyPoint[]): HourlyPoint[] {
  return points.filter((p) => Number.isFinite(p.value) && Number.isFinite(Date.parse(p.at))).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * Where the measurement starts: data that begins well inside the window means
 * a newer workload, measured from its first hour; within the first day it is
 * only a quiet start (a nightly job's first run), so the whole window counts.
 */
export function coveredFrom(windowStart: string, firstAt: string): number {
  const startMs = Date.parse(windowStart);
  const firstMs = hourOf(firstAt);
  return firstMs - startMs >= 24 * HOUR_MS ? firstMs : startMs;
}
