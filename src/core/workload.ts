// The workload model: what a person told us about the thing being assessed.
// Every field is optional in `WorkloadFacts` because facts arrive piece by piece
// during the interview; `resolveWorkload` (resolve-workload.ts) fills the gaps
// with stated defaults before any rule or cost runs.

export const TRIGGERS = ['http', 'queue', 'schedule', 'storage-event', 'webhook', 'stream', 'websocket'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const STATE_NEEDS = ['websocket', 'long-lived-connection', 'in-memory-cache', 'connection-pool'] as const;
export type StateNeed = (typeof STATE_NEEDS)[number];

/** How the duration is spent: on the CPU (transcoding) or waiting on I/O (calling a database). */
export type WorkNature = 'cpu-bound' | 'io-bound' | 'mixed';

export type Architecture = 'x86' | 'arm';

/** Requests in each hour of a typical day, index 0 = 00:00-01:00. Always 24 entries. */
export type HourlyProfile = readonly number[];

export interface Traffic {
  hourly: HourlyProfile;
  /** How the person described it; decides the wording of echoes and assumptions. */
  basis: 'steady' | 'bands' | 'total' | 'schedule';
  /**
   * Multipliers around the expected rate when the figure was approximate
   * ("a few thousand a day" -> { low: 0.5, high: 2 }). Absent when exact.
   */
  spread?: { low: number; high: number };
  /** What the bot understood, in words, e.g. "15,000 requests/hour, all day". */
  echo: string;
}

export interface Duration {
  typicalMs: number;
  /** Worst case; equal to typicalMs when a single figure was given. */
  worstMs: number;
}

/** Facts as told; absent = not told yet. */
export interface WorkloadFacts {
  description?: string;
  trigger?: Trigger;
  traffic?: Traffic;
  duration?: Duration;
  memoryMb?: number;
  /** Fraction (0..1] of the duration spent on the CPU. */
  cpuShare?: number;
  nature?: WorkNature;
  /** Size of code + dependencies (+ model) unpacked, in MB. */
  packageMb?: number;
  /** State the workload keeps between requests; [] = explicitly stateless. */
  state?: StateNeed[];
  latencyP99Ms?: number;
  architecture?: Architecture;
  region?: string;
  /** A prototype / MVP / proof of concept. */
  prototype?: boolean;
  /** The person answered the constraints question (even with "none"). */
  constraintsAnswered?: boolean;
  /** Fields the person chose to leave at a stated default ("assume a typical value"). */
  defaulted?: ('traffic' | 'duration')[];
}

export type WorkloadField = keyof WorkloadFacts;

/** A workload with every gap filled; what rules and the cost engine consume. */
export interface ResolvedWorkload {
  description: string;
  trigger: Trigger;
  traffic: Traffic;
  duration: Duration;
  memoryMb: number;
  cpuShare: number;
  nature: WorkNature;
  packageMb: number;
  state: StateNeed[];
  latencyP99Ms: number | null;
  architecture: Architecture;
  region: string;
  prototype: boolean;
}

export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
/** Days in the 730-hour month. */
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
