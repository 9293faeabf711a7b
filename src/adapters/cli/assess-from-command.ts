import { assess } from '../../core/assess.js';
import type { Assessment } from '../../core/assessment.js';
import { assessmentJson } from '../../core/assessment-json.js';
import { buildCard } from '../../core/build-card.js';
import type { Card } from '../../core/card.js';
import { mergeFacts } from '../../core/merge-facts.js';
import { markMeasured, markMeasuredService, measurementJson, serviceMeasurementJson } from '../../core/metrics/measured-card.js';
import { measuredService } from '../../core/metrics/measured-service.js';
import { measuredWorkload } from '../../core/metrics/measured-workload.js';
import { DEFAULT_MEASURE_DAYS, MAX_MEASURE_DAYS, measureWindow } from '../../core/metrics/metric-queries.js';
import type { MetricsReader, MetricsReading } from '../../core/metrics/metric-types.js';
import { parseMetricSource } from '../../core/metrics/parse-metric-source.js';
import { parseWorkload } from '../../core/parse/parse-workload.js';
import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';
import type { WorkloadFacts } from '../../core/workload.js';
import { renderCard } from '../../render/text.js';
import type { ReadArgs } from './command-table.js';
import { EXIT_CODES } from './exit-codes.js';
import { ONE_SHOT_MATH_HINT } from './one-shot-hint.js';

// `assess --from lambda:<name> [--region R] [--days N] [--json] ["words"]`:
// measures a running workload and assesses what it really does. Words, when
// given, add what metrics cannot know (constraints, CPU share); measured
// figures win over words. An ECS service's metrics hold no requests, so its
// traffic must come in words; its size and cost now are shown beside the
// assessment. Nothing is saved, so a failure leaves nothing behind.

export interface AssessFromOptions {
  from: string;
  region: string | undefined;
  days: number;
  json: boolean;
  text: string;
}

export interface AssessFromDeps {
  /** A reader for the region asked for (undefined = the configured or profile region). */
  metricsReader: (region: string | undefined) => MetricsReader;
  catalog: PricingCatalog;
  now: () => Date;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  color: boolean;
}

export type AssessFromParse = { ok: true; options: AssessFromOptions } | { ok: false; error: string };

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** The flags and words of `assess --from`, as the command table's reader read them. */
export function assessFromOptions(args: ReadArgs): AssessFromParse {
  const { values, positionals } = args;
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const options: AssessFromOptions = { from: text('from') ?? '', region: undefined, days: DEFAULT_MEASURE_DAYS, json: values.json === true, text: positionals.join(' ').trim() };
  const region = text('region');
  if (region !== undefined) {
    if (!REGION.test(region)) return { ok: false, error: `--region needs a region code, e.g. --region eu-west-1 (got "${region}").` };
    options.region = region;
  }
  const days = text('days');
  if (days !== undefined) {
    if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_MEASURE_DAYS) return { ok: false, error: `--days needs whole days from 1 to ${MAX_MEASURE_DAYS} (CloudWatch keeps hourly data that long), e.g. --days 28.` };
    options.days = Number(days);
  }
  if (!options.from) return { ok: false, error: '--from needs a source, e.g. --from lambda:resize-images' };
  const source = parseMetricSource(options.from);
  if (!source.ok) return { ok: false, error: source.error };
  return { ok: true, options };
}

/** Returns the process exit code: 0 done, 1 AWS could not answer, 3 an ECS service without traffic in words. */
export async function runAssessFrom(deps: AssessFromDeps, options: AssessFromOptions): Promise<number> {
  const source = parseMetricSource(options.from);
  if (!source.ok) return fail(deps, options, 'invalid-source', source.error, 2);
  const now = deps.now();
  const window = measureWindow(now, options.days);
  const words = options.text ? parseWorkload(options.text).facts : {};
  if (source.source.kind === 'ecs' && !words.traffic) {
    const name = options.from.trim();
    const message = `${name}'s metrics hold its tasks and how busy they are, not its requests: add its traffic in words, e.g. assess --from ${name} "40 requests a second at peak, 120 ms each", or measure its load balancer with --from alb:<load-balancer-name>.`;
    return fail(deps, options, 'needs-traffic', message, EXIT_CODES.needsInput);
  }
  const read = await deps.metricsReader(options.region).read(source.source, window);
  if (!read.ok) return fail(deps, options, read.failure.code, read.failure.message, 1);
  if (source.source.kind === 'ecs') return printServiceAssessment(deps, options, read.reading, words, now);
  const measured = measuredWorkload(read.reading);
  if (!measured.ok) return fail(deps, options, measured.failure.code, measured.failure.message, 1);

  const facts = { ...mergeFacts(words, measured.facts), description: options.text || `${measured.measurement.source} (measured)` };
  const assessment = assess(facts, deps.catalog);
  return print(deps, options, assessment, () => measurementJson(measured.measurement), () => markMeasured(buildCard(assessment, null, now), measured.measurement));
}

/** An ECS service: the words' workload assessed, the service's measured size and cost now beside it. */
function printServiceAssessment(deps: AssessFromDeps, options: AssessFromOptions, reading: MetricsReading, words: WorkloadFacts, now: Date): number {
  const measured = measuredService(reading, deps.catalog);
  if (!measured.ok) return fail(deps, options, measured.failure.code, measured.failure.message, 1);
  const assessment = assess({ ...words, description: options.text }, deps.catalog);
  return print(deps, options, assessment, () => serviceMeasurementJson(measured.measurement), () => markMeasuredService(buildCard(assessment, null, now), measured.measurement));
}

/** The assessment with its measurement: JSON with a `measured` object, or the card with the measured figures on it. */
function print(deps: AssessFromDeps, options: AssessFromOptions, assessment: Assessment, measuredJson: () => object, card: () => Card): number {
  if (options.json) deps.out.write(`${JSON.stringify({ ...assessmentJson(assessment), measured: measuredJson() }, null, 2)}\n`);
  else deps.out.write(`${renderCard({ ...card(), actions: [] }, { color: deps.color, moreHint: ONE_SHOT_MATH_HINT })}\n`);
  return EXIT_CODES.ok;
}

function fail(deps: AssessFromDeps, options: AssessFromOptions, code: string, message: string, exitCode: number): number {
  if (options.json) deps.out.write(`${JSON.stringify({ status: 'error', code, message }, null, 2)}\n`);
  else deps.err.write(`${message}\n`);
  return exitCode;
}
