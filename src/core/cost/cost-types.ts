// The cost engine's output. Every amount is quantity x unit price, so a person
// can redo the arithmetic by hand from the lines.

import type { CommitmentAsk } from '../workload.js';
import type { RegionPricing } from '../pricing/catalog-region.js';

export const PLATFORM_IDS = [
  'aws-lambda',
  'aws-fargate',
  'aws-ec2',
  'gcp-cloud-run-functions',
  'azure-functions',
  'cloudflare-workers',
  'aws-batch',
] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export type PlatformKind = 'functions' | 'servers';

export interface CostLine {
  /** "Requests", "Compute (GB-s), first 6 B tier", "t3.medium x 2". */
  label: string;
  quantity: number;
  /** Unit of the quantity as a person reads it: "1M requests", "GB-s", "instance-hours". */
  unit: string;
  unitPriceUsd: number;
  amountUsd: number;
  /** Catalog key the unit price came from, e.g. "aws.lambda.requests". */
  priceRef: string;
}

export interface UsdRange {
  low: number;
  expected: number;
  high: number;
}

export interface PlatformCost {
  platform: PlatformId;
  /** "AWS Lambda (x86) + API Gateway HTTP API". */
  label: string;
  kind: PlatformKind;
  /** False when the platform cannot run the workload (limits); then monthlyUsd is null. */
  available: boolean;
  unavailableReason?: string;
  /** Expected monthly cost, list price, before any free tier. */
  monthlyUsd: number | null;
  range: UsdRange | null;
  lines: CostLine[];
  /** The free tier as its own negative lines, never folded in silently. */
  freeTier: CostLine[];
  /** How servers were sized, e.g. "2 x c7g.large for a peak of 12 vCPU at 60% target utilisation". */
  sizing?: string;
}

export interface BreakEven {
  /** The function platform compared. */
  functions: PlatformId;
  /** The cheapest server option at the break-even point. */
  servers: PlatformId;
  /** Average rps (same traffic shape, scaled) where both cost the same; null when they never cross in range. */
  averageRps: number | null;
  /** Current average rps / break-even rps (0.03 = 3% of break-even, 4.2 = 4.2x past it). */
  ratio: number | null;
  /** One sentence for the card. */
  sentence: string;
}

export interface Sensitivity {
  /** The assumption that moves the answer most, e.g. "traffic", "duration", "cpu-share", "memory". */
  assumption: string;
  /** One sentence: "Doubling the duration raises Lambda by 92% but EC2 by 0%." */
  sentence: string;
}

/** One platform's line on the cost-vs-traffic chart. */
export interface ChartSeries {
  platform: PlatformId;
  label: string;
  /** Servers are drawn dashed. */
  kind: PlatformKind;
  points: { rps: number; monthlyUsd: number }[];
  /** The monthly cost at the current traffic (the card's figure): the operating point marked on the line. */
  currentUsd: number;
  /** A server line priced at a commitment's rates, beside its on-demand line (drawn dotted); absent = on-demand. */
  committed?: boolean;
}

/** Points for the cost-vs-traffic chart; the renderer draws them. */
export interface CostChart {
  /** x axis: average rps. Only platforms that can run the workload. */
  series: ChartSeries[];
  currentRps: number;
  breakEvenRps: number | null;
  /** Said in the chart when there is no break-even to mark, and why; null when breakEvenRps is set. */
  noBreakEven: string | null;
  /** Platforms left off the chart (n/a: a limit they cannot meet), with the reason. */
  unavailable: { platform: PlatformId; label: string; reason: string }[];
  /** The platform the card recommends, drawn on top; null when it is none of the charted ones. */
  recommended: PlatformId | null;
  /** Where functions and the committed servers cost the same; absent when no commitment applies. */
  committedBreakEvenRps?: number | null;
}

export interface CostReport {
  costs: PlatformCost[];
  breakEven: BreakEven | null;
  sensitivity: Sensitivity | null;
  /** Null when the caller asked for no chart (see EstimateOptions.chart). */
  chart: CostChart | null;
  /** Catalog as-of date (ISO yyyy-mm-dd) and version string. */
  catalogAsOf: string;
  catalogVersion: string;
  /** Assumptions the cost engine made (target utilisation, minimum instances, ...). */
  assumptions: string[];
  /** An occasional surge priced apart from the normal month; absent or null when there is none. */
  spike?: SpikeFigures | null;
  /** Connection-based work: what the connections cost on each side. */
  connections?: ConnectionFigures | null;
  /** Jobs priced per run (AWS Batch, scheduled tasks). */
  jobs?: JobFigures | null;
  /** Which region the workload runs in and which region's prices were used. */
  region?: RegionPricing;
  /** A commitment asked for, priced beside on-demand when the catalog publishes its rates. */
  commitment?: CommitmentFigures | null;
}

export interface SpikeFigures {
  words: string;
  factor: number;
  hours: number;
  hoursStated: boolean;
  /** Busiest-hour rate during the surge. */
  peakRps: number;
  /** Lambda executions running at once at the surge's peak (worst-case duration). */
  lambdaConcurrency: number;
  /** What the surge adds on each available platform, on top of the normal month. */
  costs: { platform: PlatformId; extraUsd: number }[];
  /** How the cheapest server option scales for it. */
  serverSizing: string | null;
  sentence: string;
}

export interface ConnectionFigures {
  concurrent: number;
  kind: string;
  sessionMinutes: number;
  messagesPerConnectionPerMinute: number;
  connectionMinutesPerMonth: number;
  messagesPerMonth: number;
  /** Connections one vCPU holds and the memory each takes, as sized. */
  connectionsPerVcpu: number;
  memoryKbPerConnection: number;
  sentence: string;
}

export interface JobFigures {
  runsPerMonth: number;
  hoursPerRun: number;
  jobHoursPerMonth: number;
  /** How one run is provisioned on AWS Batch, e.g. "1 vCPU / 3 GB Fargate task". */
  capacity: string;
  sentence: string;
}

/** A commitment asked for, priced beside on-demand from the catalog's published rates (commitment-cost.ts). */
export interface CommitmentFigures {
  plan: CommitmentAsk['plan'];
  term: '1yr' | '3yr' | null;
  payment: CommitmentAsk['payment'];
  words: string;
  /** Where the ask came from: the workload's words or the workspace's commitment setting. */
  from: 'stated' | 'workspace';
  /** True when the catalog had published rates and the committed rows below use them. */
  applied: boolean;
  /** True for Spot: the rows are the lowest Spot could cost at its published discount ceiling, an assumption rather than a price. */
  assumed?: boolean;
  /** Committed rows of the platforms the plan covers (their on-demand rows stay in `costs`). */
  costs: PlatformCost[];
  /** Break-even with the committed prices; null when not applied or none. */
  breakEven: BreakEven | null;
  sentence: string;
}
