import type { Card } from '../card.js';
import type { ServiceMeasurement } from './measured-service.js';
import type { MeasuredPeriod } from './measured-hours.js';
import type { MeasuredFigure, Measurement } from './measured-workload.js';

// Puts "measured over 14 days" beside each measured figure on a result card,
// and the measurement itself into the JSON output (an added field, `measured`).

/** Card fields whose value came from the measurement, and what to say beside them. */
function fieldNotes(m: Measurement): Record<string, string> {
  const notes: Record<string, string> = { Traffic: m.note };
  if (m.durationMs) notes.Duration = m.note;
  if (m.memoryMb !== null) notes.Memory = 'configured on the function';
  return notes;
}

export function markMeasured(card: Card, m: Measurement): Card {
  const notes = fieldNotes(m);
  const fields = card.fields.map((f) => (notes[f.label] ? { ...f, value: `${f.value} (${notes[f.label]})` } : f));
  return { ...card, fields: [...fields, ...measuredFields(m.figures.filter((f) => f.label !== 'Memory'))] };
}

/** Each measured figure as a card field, with where it came from beside it. */
function measuredFields(figures: readonly MeasuredFigure[]): Card['fields'] {
  return figures.map((f) => ({ label: `Measured ${f.label.toLowerCase()}`, value: `${f.value} (${f.note})` }));
}

/** What every `measured` object starts with: the source, and the hours it covers. */
function periodJson(m: MeasuredPeriod) {
  return {
    source: m.source,
    region: m.region,
    note: m.note,
    period: { start: m.window.start, end: m.window.end, days: m.window.days, coveredFrom: m.coveredFrom, coveredDays: m.coveredDays },
  };
}

/** The `measured` object of `assess --from ... --json`; documented in the README. */
export function measurementJson(m: Measurement) {
  return {
    ...periodJson(m),
    requests: {
      total: m.requests.total,
      averagePerHour: round(m.requests.averagePerHour),
      peakPerHour: m.requests.peakPerHour,
      peakAt: m.requests.peakAt,
      weekdayHourly: m.requests.weekdayHourly.map(round),
      weekendHourly: m.requests.weekendHourly.map(round),
    },
    durationMs: m.durationMs,
    peakConcurrency: m.peakConcurrency,
    errors: m.errors,
    throttles: m.throttles,
    memoryMb: m.memoryMb,
    architecture: m.architecture,
    figures: m.figures,
  };
}

/** Four decimals: a nightly job averages 0.0417 requests an hour. */
function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** An ECS service's figures under the card's own: the assessment's traffic came from words, so no field is marked measured. */
export function markMeasuredService(card: Card, m: ServiceMeasurement): Card {
  return { ...card, fields: [...card.fields, ...measuredFields(m.figures)] };
}

/** The `measured` object of `assess --from ecs:... --json`; documented in the README. */
export function serviceMeasurementJson(m: ServiceMeasurement) {
  return {
    ...periodJson(m),
    task: { taskDefinition: m.task.taskDefinition, vcpu: m.task.vcpu, memoryMb: m.task.memoryMb, architecture: m.task.architecture === 'arm' ? 'arm64' : 'x86_64', launchType: m.task.launchType },
    tasks: m.tasks,
    cpuPercent: m.cpuPercent,
    memoryPercent: m.memoryPercent,
    nowMonthlyUsd: m.now?.monthlyUsd ?? null,
    figures: m.figures,
  };
}
