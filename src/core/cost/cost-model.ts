import type { Architecture, Trigger, WorkNature } from '../workload.js';
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

export function createBaseTraffic(hourly: readonly number[], monthlyRequests: number): BaseTraffic {
  let peak = 0;
  const requests: number[] = [];
  const hours: number[] = [];
  for (const h of hourly) {
    if (h > peak) peak = h;
    const i = requests.indexOf(h);
    if (i === -1) {
      requests.push(h);
      hours.push(1);
    } else hours[i]! += 1;
  }
  return { hourly, monthlyRequests, peakHourRequests: peak, groups: { requests, hours } };
}

/** Where a model writes its itemised lines when asked to. */
export interface CostSink {
  lines: CostLine[];
  freeTier: CostLine[];
  sizing?: string;
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
