import type { MetricsResult, MetricSource, MetricWindow } from './metric-types.js';

// What the core asks a chat front end to measure before it can answer, and
// what it is handed back. Reading metrics is I/O, so the core only says what
// to read and over which hours; the front end reads it through the metrics
// port and gives the core the reading, which decides the answer.

export type MeasurePurpose =
  /** `/serverless-fit assess from lambda <fn>`: a new assessment of the measured workload. */
  | { kind: 'assess'; words: string }
  /** "measure image pipeline from lambda resize-images" in a design review. */
  | { kind: 'component'; reviewId: string; componentId: string; componentName: string };

export interface MeasureRequest {
  source: MetricSource;
  /** The region asked for; null = the configured one (AWS_REGION or the profile's). */
  region: string | null;
  window: MetricWindow;
  /** "lambda resize-images": how the person named it. */
  label: string;
  purpose: MeasurePurpose;
}

/** The request and what reading it gave: handed back to the advisor. */
export interface MeasureAnswer {
  request: MeasureRequest;
  result: MetricsResult;
}

/** The metrics port as a chat front end uses it: one request, read in its region. */
export type MeasureSource = (request: MeasureRequest) => Promise<MetricsResult>;
