import type { Architecture } from '../workload.js';

// The metrics port: what the core asks of a monitoring service (hourly series
// for one running workload) and the coded failures it can answer with. The
// CloudWatch adapter in src/adapters/aws implements it.

export const METRIC_SOURCE_KINDS = ['lambda', 'apigw', 'alb', 'sqs', 'ecs'] as const;
export type MetricSourceKind = (typeof METRIC_SOURCE_KINDS)[number];

/** A running workload whose traffic can be measured. */
export type MetricSource =
  | { kind: 'lambda'; functionName: string }
  /** apiId: an HTTP API's id, or a REST API's name (the dimension CloudWatch uses for REST APIs). */
  | { kind: 'apigw'; apiId: string; stage: string }
  /**
   * The ALB's CloudWatch dimension value, e.g. app/my-alb/50dc6c495c0c9188; with
   * byName, its plain name ("my-alb"), which the adapter looks up to get that value.
   */
  | { kind: 'alb'; loadBalancer: string; byName?: true }
  | { kind: 'sqs'; queueName: string }
  /** An ECS service: its capacity and how busy it is, not its requests. */
  | { kind: 'ecs'; cluster: string; service: string };

/** What a series means to the assessment, whatever the service calls it. */
export const METRIC_ROLES = [
  'requests',
  'durationAverage',
  'durationP99',
  'concurrency',
  'errors',
  'throttles',
  'cpuAverage',
  'cpuPeak',
  'memoryAverage',
  'memoryPeak',
  'runningTasks',
] as const;
export type MetricRole = (typeof METRIC_ROLES)[number];

export type MetricStat = 'Sum' | 'Average' | 'Maximum' | 'p99';

/** One series to read: a metric, its dimensions and the statistic per hour. */
export interface MetricQuery {
  role: MetricRole;
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  stat: MetricStat;
  /** Multiplier to the unit the core works in (ms for durations): ALB reports seconds. */
  toCoreUnit: number;
}

/** The period read: whole hours, `start` inclusive, `end` exclusive (ISO 8601, UTC). */
export interface MetricWindow {
  start: string;
  end: string;
  days: number;
}

export interface HourlyPoint {
  /** Start of the hour, ISO 8601 UTC. */
  at: string;
  value: number;
}

/** Lambda's configured size, read beside the metrics. */
export interface FunctionSettings {
  memoryMb: number;
  architecture: Architecture;
}

/** An ECS service's configuration, read beside its metrics. */
export interface ServiceSettings {
  /** The task definition's family:revision. */
  taskDefinition: string;
  /** Task-level size: CPU units (1,024 = 1 vCPU) and memory in MB. */
  cpuUnits: number;
  memoryMb: number;
  architecture: Architecture;
  /** Where its tasks run: Fargate is priced per task, EC2 capacity is the instances'. */
  launchType: 'fargate' | 'ec2' | 'other';
  desiredCount: number;
}

export interface MetricsReading {
  source: MetricSource;
  region: string;
  window: MetricWindow;
  /** Hours without a datapoint are absent (CloudWatch stores none for idle hours). */
  series: Partial<Record<MetricRole, HourlyPoint[]>>;
  functionSettings?: FunctionSettings;
  serviceSettings?: ServiceSettings;
}

export const METRICS_FAILURE_CODES = ['no-credentials', 'no-region', 'access-denied', 'not-found', 'throttled', 'unreachable', 'no-data'] as const;
export type MetricsFailureCode = (typeof METRICS_FAILURE_CODES)[number];

/** An expected failure, told to the person as one sentence. */
export interface MetricsFailure {
  code: MetricsFailureCode;
  /** The one sentence for the person; never contains a credential. */
  message: string;
}

export type MetricsResult = { ok: true; reading: MetricsReading } | { ok: false; failure: MetricsFailure };

/** The port: reads a source's hourly series over a window. Never throws for expected failures. */
export interface MetricsReader {
  read(source: MetricSource, window: MetricWindow): Promise<MetricsResult>;
}
