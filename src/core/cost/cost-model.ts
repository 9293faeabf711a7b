import type { Architecture, ConnectionKind, LogVolume, ResponseVolume, Trigger, VpcInternet, WorkNature } from '../workload.js';
import type { ColdStartConcern } from './cold-start-concern.js';
import type { CostLine, PlatformId, PlatformKind } from './cost-types.js';

// What every platform model shares. A model is built once per workload shape
// (duration, memory, CPU share, ...) and then priced at any traffic scale, which
// is what break-even, the chart, ranges and sensitivity need: many prices of the
// same model at different traffic, cheaply.

/** Everything about the workload except how much traffic it gets. */
export interface WorkloadShape {
  /** Duration used for cost (typical, or worst for the high end of a range). */
  durationMs: number;
  /** Worst-case duration: decides whether a platform's limits allow it at all. */
  worstMs: number;
  memoryMb: number;
  cpuShare: number;
  nature: WorkNature;
  trigger: Trigger;
  architecture: Architecture;
  packageMb: number;
  /** Clients held open, per message a second (they scale together); null for request/response work. */
  connections: ConnectionShape | null;
  gpu: boolean;
  /** The GPU named ("T4", "A10G"): priced on that type when the catalog has it. */
  gpuModel: string | null;
  /**
   * The memory figure binds: it was given, or the work sets it (CPU-bound, a
   * model). Only then does it rule out a small-memory platform (Workers' 128 MB);
   * a default for I/O-bound or edge work says nothing about the code's needs.
   */
  memoryBinding: boolean;
  /** A model loaded into memory, MB (must fit a GPU's memory too). */
  modelMb: number | null;
  /** The team wants portable containers: Cloud Run is then priced as a container service, which it also is. */
  portable: boolean;
  /** Charges beside compute the workload implies; absent or null when none does (the usual case). */
  extras?: CostExtras | null;
}

/** What the words imply beyond compute, each priced as its own line (cost-extras.ts). */
export interface CostExtras {
  logs: LogVolume | null;
  responses: ResponseVolume | null;
  vpcInternet: VpcInternet | null;
  /** Ephemeral storage asked for, MB, when above what Lambda includes. */
  ephemeralMb: number | null;
  /** Cold starts matter: Lambda keeps environments warm with provisioned concurrency. */
  provisioned: ColdStartConcern | null;
}

export interface ConnectionShape {
  /** Concurrent connections per message a second. */
  perRps: number;
  sessionMinutes: number;
  kind: ConnectionKind;
}

/** The traffic the scale factor multiplies. */
export interface BaseTraffic {
  /** Requests in each hour of a typical day (24 values). */
  hourly: readonly number[];
  /** Requests a month at scale 1. */
  monthlyRequests: number;
  /** Requests in the busiest hour at scale 1. */
  peakHourRequests: number;
  /** The same hours grouped by request count: flat and banded days have few distinct values, so hourly models price each once. */
  groups: HourGroups;
}

export interface HourGroups {
  requests: number[];
  hours: number[];
}

/**
 * @param week weekday and weekend day shapes when they differ (business hours):
 * their hours are weighted 5/7 and 2/7, so hourly models price the real week
 * and servers are sized for the weekday peak.
 */
export function createBaseTraffic(hourly: readonly number[], monthlyRequests: number, week?: { weekdays: readonly number[]; weekend: readonly number[] }): BaseTraffic {
  const groups: HourGroups = { requests: [], hours: [] };
  let peak = 0;
  if (week) {
    peak = addHours(groups, week.weekdays, 5 / 7, peak);
    peak = addHours(groups, week.weekend, 2 / 7, peak);
  } else peak = addHours(groups, hourly, 1, peak);
  return { hourly, monthlyRequests, peakHourRequests: peak, groups };
}

/** Adds each hour to its group by request count, weighted; returns the new peak. */
function addHours(groups: HourGroups, day: readonly number[], weight: number, peak: number): number {
  const { requests, hours } = groups;
  for (const h of day) {
    if (h > peak) peak = h;
    const i = requests.indexOf(h);
    if (i === -1) {
      requests.push(h);
      hours.push(weight);
    } else hours[i]! += weight;
  }
  return peak;
}

/** Where a model writes its itemised lines when asked to. */
export interface CostSink {
  lines: CostLine[];
  freeTier: CostLine[];
  sizing?: string;
  /** The most capacity running at once, in words ("25 x c5.large"), for the surge figures. */
  peakCapacity?: string;
}

/**
 * Requests an hour to size a fleet for. Runs longer than an hour overlap only
 * as much as runs started within one run's length do: a 6-hour job started
 * once a night is one job in flight, not six (the hourly rate x duration would say six).
 */
export function sizingHourRequests(traffic: BaseTraffic, durationMs: number): number {
  const window = durationMs / 3_600_000;
  if (window <= 1) return traffic.peakHourRequests;
  const hourly = traffic.hourly;
  const whole = Math.min(Math.floor(window), 24);
  const part = window >= 24 ? 0 : window - whole;
  let most = 0;
  for (let start = 0; start < 24; start++) {
    let sum = 0;
    for (let k = 0; k < whole; k++) sum += hourly[(start + 24 - k) % 24] ?? 0;
    sum += (hourly[(start + 24 - whole) % 24] ?? 0) * part;
    if (sum > most) most = sum;
  }
  // Past a day, runs from earlier days overlap too: a whole day's runs for every 24 hours of the window.
  const inFlight = window > 24 ? most * (window / 24) : most;
  return Math.min(traffic.peakHourRequests, inFlight / window);
}

export interface PlatformModel {
  platform: PlatformId;
  kind: PlatformKind;
  label: string;
  /** Null when the platform can run the workload. */
  unavailableReason: string | null;
  /** Monthly list price at `scale` x the base traffic; itemises into `sink` when given. */
  cost(scale: number, sink?: CostSink): number;
}

export function isUserFacing(trigger: Trigger): boolean {
  return trigger === 'http' || trigger === 'webhook' || trigger === 'websocket';
}

/** Ceiling that ignores floating-point dust (2.0000000001 -> 2). */
export function ceilCount(x: number): number {
  return Math.ceil(x - 1e-9);
}
