import { formatCountRounded, formatCountScaled, formatDuration, formatMemory, formatPercent } from '../format.js';
import type { Trigger, WorkloadFacts } from '../workload.js';
import { describeSource } from './metric-queries.js';
import { coveredFrom, formatDays, HOUR_MS, hourOf, hourText, sortedByTime, sum, type MeasuredPeriod } from './measured-hours.js';
import type { HourlyPoint, MetricsFailure, MetricsReading, MetricSource } from './metric-types.js';

// Hourly series from a monitoring service -> the same facts the parser builds
// from words: a 24-hour profile (a week's mix of weekday and weekend shapes),
// the duration, the configured memory. Every figure carries where it came from.

export interface MeasuredFigure {
  label: string;
  value: string;
  /** "measured over 14 days" or "configured on the function". */
  note: string;
}

/** What was measured, for the card and the JSON output. */
export interface Measurement extends MeasuredPeriod {
  requests: {
    total: number;
    averagePerHour: number;
    peakPerHour: number;
    peakAt: string;
    weekdayHourly: number[];
    weekendHourly: number[];
  };
  durationMs: { average: number; p99: number } | null;
  peakConcurrency: number | null;
  errors: number | null;
  throttles: number | null;
  memoryMb: number | null;
  architecture: string | null;
  figures: MeasuredFigure[];
}

export type MeasuredWorkload = { ok: true; facts: WorkloadFacts; measurement: Measurement } | { ok: false; failure: MetricsFailure };

type RequestSource = Exclude<MetricSource['kind'], 'ecs'>;
const REQUEST_METRIC: Record<RequestSource, string> = { lambda: 'Invocations', apigw: 'Count', alb: 'RequestCount', sqs: 'NumberOfMessagesReceived' };
const TRIGGER: Record<RequestSource, Trigger | undefined> = { lambda: undefined, apigw: 'http', alb: 'http', sqs: 'queue' };

/** A source measured by its requests: every kind but an ECS service (measured-service.ts). */
export function measuredWorkload(reading: MetricsReading): MeasuredWorkload {
  const { source, window, series } = reading;
  if (source.kind === 'ecs') throw new Error('an ECS service has no request series: measure it with measuredService');
  const name = describeSource(source);
  const requests = sortedByTime(series.requests ?? []);
  const total = sum(requests.map((p) => p.value));
  if (total <= 0) {
    return {
      ok: false,
      failure: {
        code: 'no-data',
        message: `${name} has no ${REQUEST_METRIC[source.kind]} in ${reading.region} in the ${window.days} days to ${hourText(window.end)}: it did not run in that time, or the name or region is wrong.`,
      },
    };
  }

  const endMs = Date.parse(window.end);
  const coveredFromMs = coveredFrom(window.start, requests.find((p) => p.value > 0)!.at);
  const coveredHours = Math.max(1, Math.round((endMs - coveredFromMs) / HOUR_MS));
  const coveredDays = coveredHours / 24;
  const note = `measured over ${formatDays(coveredDays)}`;

  const shapes = dayShapes(requests, coveredFromMs, endMs);
  const hourly = typicalDay(shapes);
  const peak = requests.reduce((best, p) => (p.value > best.value ? p : best));
  const durationMs = measuredDuration(requests, series.durationAverage ?? [], series.durationP99 ?? []);
  const peakConcurrency = series.concurrency?.length ? Math.max(...series.concurrency.map((p) => p.value)) : null;
  const errors = series.errors ? sum(series.errors.map((p) => p.value)) : null;
  const throttles = series.throttles ? sum(series.throttles.map((p) => p.value)) : null;
  const settings = reading.functionSettings;

  const facts: WorkloadFacts = {
    traffic: { hourly, basis: 'bands', echo: `${formatCountScaled(total)} requests ${note} (${name}, UTC hours)` },
  };
  const trigger = TRIGGER[source.kind];
  if (trigger) facts.trigger = trigger;
  if (durationMs) facts.duration = { typicalMs: durationMs.average, worstMs: durationMs.p99 };
  if (settings) {
    facts.memoryMb = settings.memoryMb;
    facts.architecture = settings.architecture;
  }

  const measurement: Measurement = {
    source: name,
    region: reading.region,
    window: { start: window.start, end: window.end, days: window.days },
    coveredFrom: new Date(coveredFromMs).toISOString(),
    coveredDays,
    note,
    requests: {
      total,
      averagePerHour: total / coveredHours,
      peakPerHour: peak.value,
      peakAt: new Date(hourOf(peak.at)).toISOString(),
      weekdayHourly: shapes.weekday ?? shapes.weekend ?? hourly,
      weekendHourly: shapes.weekend ?? shapes.weekday ?? hourly,
    },
    durationMs,
    peakConcurrency,
    errors,
    throttles,
    memoryMb: settings?.memoryMb ?? null,
    architecture: settings ? (settings.architecture === 'arm' ? 'arm64' : 'x86_64') : null,
    figures: [],
  };
  measurement.figures = measuredFigures(measurement);
  return { ok: true, facts, measurement };
}

function measuredFigures(m: Measurement): MeasuredFigure[] {
  const r = m.requests;
  const figures: MeasuredFigure[] = [
    { label: 'Period', value: `${hourText(m.coveredFrom)} to ${hourText(m.window.end)} (${m.source}, ${m.region})`, note: m.note },
    { label: 'Requests', value: `${formatCountScaled(r.total)} in total, ${formatCountRounded(r.averagePerHour)}/hour on average, busiest hour ${formatCountRounded(r.peakPerHour)} (${hourText(r.peakAt)})`, note: m.note },
    { label: 'Weekday vs weekend', value: `${formatCountRounded(sum(r.weekdayHourly) / 24)}/hour on weekdays, ${formatCountRounded(sum(r.weekendHourly) / 24)}/hour at weekends`, note: m.note },
  ];
  if (m.durationMs) figures.push({ label: 'Duration', value: `${formatDuration(m.durationMs.average)} average, p99 ${formatDuration(m.durationMs.p99)} (slowest hour)`, note: m.note });
  if (m.peakConcurrency !== null) figures.push({ label: 'Peak concurrency', value: formatCountRounded(m.peakConcurrency), note: m.note });
  if (m.errors !== null) figures.push({ label: 'Errors', value: `${formatCountRounded(m.errors)} (${formatPercent(m.errors / r.total)} of invocations)`, note: m.note });
  if (m.throttles !== null) figures.push({ label: 'Throttles', value: formatCountRounded(m.throttles), note: m.note });
  if (m.memoryMb !== null) figures.push({ label: 'Memory', value: `${formatMemory(m.memoryMb)}, ${m.architecture}`, note: 'configured on the function' });
  return figures;
}

interface DayShapes {
  weekday: number[] | null;
  weekend: number[] | null;
}

/** Mean requests per hour of day, weekdays and weekends apart; hours without a datapoint count as 0. */
function dayShapes(points: readonly HourlyPoint[], fromMs: number, endMs: number): DayShapes {
  const byHour = new Map<number, number>();
  for (const p of points) byHour.set(hourOf(p.at), (byHour.get(hourOf(p.at)) ?? 0) + p.value);
  const totals = { weekday: new Array<number>(24).fill(0), weekend: new Array<number>(24).fill(0) };
  const counts = { weekday: new Array<number>(24).fill(0), weekend: new Array<number>(24).fill(0) };
  for (let t = fromMs; t < endMs; t += HOUR_MS) {
    const at = new Date(t);
    const day = at.getUTCDay() === 0 || at.getUTCDay() === 6 ? 'weekend' : 'weekday';
    totals[day][at.getUTCHours()]! += byHour.get(t) ?? 0;
    counts[day][at.getUTCHours()]! += 1;
  }
  const mean = (day: 'weekday' | 'weekend') =>
    counts[day].some((c) => c > 0) ? totals[day].map((v, h) => (counts[day][h]! > 0 ? v / counts[day][h]! : 0)) : null;
  return { weekday: mean('weekday'), weekend: mean('weekend') };
}

/** A typical day of the month: five weekdays to two weekend days. */
function typicalDay({ weekday, weekend }: DayShapes): number[] {
  if (weekday && weekend) return weekday.map((v, h) => (5 * v + 2 * weekend[h]!) / 7);
  return weekday ?? weekend ?? new Array<number>(24).fill(0);
}

/** Average weighted by the requests in each hour; p99 = the slowest hour's p99 (Lambda's timeout is per run). */
function measuredDuration(requests: readonly HourlyPoint[], average: readonly HourlyPoint[], p99: readonly HourlyPoint[]): Measurement['durationMs'] {
  if (!average.length) return null;
  const weight = new Map(requests.map((p) => [hourOf(p.at), p.value]));
  let weighted = 0;
  let count = 0;
  for (const p of average) {
    const w = weight.get(hourOf(p.at)) ?? 0;
    weighted += p.value * w;
    count += w;
  }
  const avg = count > 0 ? weighted / count : sum(average.map((p) => p.value)) / average.length;
  const worst = p99.length ? Math.max(...p99.map((p) => p.value)) : Math.max(...average.map((p) => p.value));
  return { average: round1(avg), p99: round1(Math.max(worst, avg)) };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
