import type { CommandOutcome } from '../advisor-types.js';
import type { MeasureAnswer, MeasureRequest } from '../metrics/measure-request.js';
import { ecsNeedsTraffic, measuredStart } from '../metrics/measured-start.js';
import { DEFAULT_MEASURE_DAYS, describeSource, measureWindow } from '../metrics/metric-queries.js';
import type { MetricSource } from '../metrics/metric-types.js';
import { readMeasureWords } from '../metrics/read-measure-words.js';
import { parseWorkload } from '../parse/parse-workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { privateNotice } from './answers.js';

// `/serverless-fit assess from lambda resize-images eu-west-1` in two steps:
// first what to read (the front end reads it), then, given the reading, a
// new assessment in a thread of its own, or the one sentence saying why not,
// privately, with nothing saved.

export const MEASURE_IN_REVIEWS = 'Measuring a component belongs in a design review\'s thread: "measure <component> from lambda <function-name>".';

/** "lambda resize-images", as a person names it in chat. */
export function sourceLabel(source: MetricSource): string {
  return describeSource(source).replace(':', ' ');
}

export function measureCommand(words: string, now: Date): CommandOutcome {
  const read = readMeasureWords(words);
  if (!read.ok) return { kind: 'private', reply: privateNotice(read.error) };
  const label = sourceLabel(read.source);
  if (read.source.kind === 'ecs' && !parseWorkload(read.rest).facts.traffic) return { kind: 'private', reply: privateNotice(ecsNeedsTraffic(label)) };
  const request: MeasureRequest = { source: read.source, region: read.region, window: measureWindow(now, DEFAULT_MEASURE_DAYS), label, purpose: { kind: 'assess', words: read.rest } };
  return { kind: 'measure', request };
}

export function measuredCommand(answer: MeasureAnswer, catalog: PricingCatalog): CommandOutcome {
  if (answer.request.purpose.kind !== 'assess') return { kind: 'private', reply: privateNotice(MEASURE_IN_REVIEWS) };
  const start = measuredStart(answer, catalog);
  if (!start.ok) return { kind: 'private', reply: privateNotice(start.message) };
  const text = start.facts.description ?? `${answer.request.label} (measured)`;
  return { kind: 'thread-first', title: text, then: { kind: 'start', text, measured: answer } };
}
