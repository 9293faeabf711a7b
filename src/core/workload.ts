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

/** Runtimes worth telling apart: the JVM and .NET start slowly on functions. */
export const RUNTIMES = ['java', 'dotnet', 'node', 'python', 'go', 'rust', 'ruby', 'php'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** How clients stay connected: a WebSocket, server-sent events, long polling, a game session or a device's TCP/MQTT link. */
export const CONNECTION_KINDS = ['websocket', 'sse', 'long-polling', 'game', 'device'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** A connection-based workload: clients held open, messages over them. Session length is not compute time. */
export interface Connections {
  /** Connections open at the same time. */
  concurrent: number;
  kind: ConnectionKind;
  /** How long one connection stays open, in minutes, when said. */
  sessionMinutes?: number;
  /** Messages each connection carries a minute (both directions), when said. */
  messagesPerMinute?: number;
}

/** An occasional surge on top of the normal month ("Black Friday is 50x"). */
export interface Spike {
  /** Multiple of the normal traffic during the spike. */
  factor: number;
  /** How long it lasts. */
  hours: number;
  /** False when the length was assumed (a day). */
  hoursStated: boolean;
  /** The person's words for it: "Black Friday". */
  words: string;
}

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
  /** What the parser had to assume to build the shape (a lone peak, business hours), printed on the card. */
  assumption?: string;
  /**
   * Weekdays and weekend days differ (business hours): `hourly` is then the
   * average day, and these are the two day shapes it averages (5 and 2 days).
   */
  week?: { weekdays: HourlyProfile; weekend: HourlyProfile };
  /** A surge priced apart from the normal month. */
  spike?: Spike;
}

export interface Duration {
  typicalMs: number;
  /** Worst case; equal to typicalMs when a single figure was given. */
  worstMs: number;
}

/**
 * What drives a bill beside compute, when the words imply it: logs, responses
 * sent to the internet, a VPC that reaches the internet, a large /tmp. Absent =
 * not implied, and then nothing is priced for it. `stated` is false when only
 * the thing was said and its size was assumed.
 */
export interface LogVolume {
  kbPerRequest: number;
  stated: boolean;
}
export interface ResponseVolume {
  kbPerRequest: number;
  stated: boolean;
  /** The words it came from: "returns 2 MB images". */
  words: string;
}
export interface VpcInternet {
  /** The words it came from: "in a VPC", "calls external APIs". */
  words: string;
}

/** A commitment asked for ("with a 1-year compute savings plan"); term and payment null when not said. */
export interface CommitmentAsk {
  plan: 'compute-savings-plan' | 'ec2-instance-savings-plan' | 'reserved-instances' | 'spot';
  term: '1yr' | '3yr' | null;
  payment: 'no-upfront' | 'partial-upfront' | 'all-upfront' | null;
  words: string;
  /** "we have a savings plan": the kind was not said, so a Compute Savings Plan is taken (and said). */
  kindAssumed?: boolean;
  /** Convertible Reserved Instances: the catalog holds standard ones' rates only, so these are never priced at them. */
  convertible?: boolean;
  /** Set when the workspace's commitment setting asked for it, not the workload's words. */
  from?: 'workspace';
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
  /** Clients held open (WebSockets, SSE, game sessions, devices). */
  connections?: Connections;
  /** Needs a GPU (CUDA, "inference on a T4"). */
  gpu?: boolean;
  /** The GPU named, e.g. "T4", "A10G", when one was. */
  gpuModel?: string;
  /** The team wants to stay portable (no vendor lock-in, multi-cloud, might move clouds). */
  portable?: boolean;
  /** Tiny logic at the CDN edge: redirects, headers, A/B, auth checks. */
  edge?: boolean;
  runtime?: Runtime;
  /** Size of a model loaded into memory, MB: it sets both the package and the memory. */
  modelMb?: number;
  /** "runs for hours": a time was stated without a figure; its unit, to ask about (and to default from). */
  vagueDuration?: 'second' | 'minute' | 'hour' | 'day';
  /** Log written per request ("logs 2 KB per request", "verbose logging"). */
  logs?: LogVolume;
  /** Response sent to the internet per request ("returns 2 MB images"). */
  responses?: ResponseVolume;
  /** Runs in a VPC and calls out to the internet: a NAT gateway carries that traffic. */
  vpcInternet?: VpcInternet;
  /** Lambda ephemeral storage (/tmp) asked for, MB ("10 GB /tmp"). */
  ephemeralMb?: number;
  /** Price with a commitment beside on-demand ("with a 1-year savings plan"). */
  commitment?: CommitmentAsk;
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
  // The fields below are optional so a workload built in code stays short;
  // absent means none / false, and an absent `stated` means every figure was given.
  connections?: ResolvedConnections | null;
  gpu?: boolean;
  gpuModel?: string | null;
  portable?: boolean;
  edge?: boolean;
  runtime?: Runtime | null;
  modelMb?: number | null;
  logs?: LogVolume | null;
  responses?: ResponseVolume | null;
  vpcInternet?: VpcInternet | null;
  ephemeralMb?: number | null;
  commitment?: CommitmentAsk | null;
  /** Where `region` came from: said (text or template), the workspace default, or neither (the catalog's home region). */
  regionFrom?: 'stated' | 'workspace' | 'default';
  /** Which figures the person gave, so a reason never states an assumed value as a fact. */
  stated?: { trigger: boolean; memory: boolean; package: boolean; duration: boolean; traffic?: boolean; region?: boolean };
}

export interface ResolvedConnections {
  concurrent: number;
  kind: ConnectionKind;
  sessionMinutes: number;
  messagesPerMinute: number;
}

export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
/** Days in the 730-hour month. */
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
