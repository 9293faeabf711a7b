import { IO_IN_FLIGHT_MEMORY_SHARE, MIN_SERVERS_BACKGROUND, MIN_SERVERS_USER_FACING, TARGET_UTILISATION } from './cost-constants.js';
import { isUserFacing, type WorkloadShape } from './cost-model.js';

// How much server capacity one request per second needs. Servers multiplex
// I/O-bound requests, so CPU follows CPU time (duration x CPU share), not
// wall-clock duration; memory follows the requests in flight.

export interface ServerDemand {
  /** vCPUs needed per request/s, at the target utilisation. */
  vcpuPerRps: number;
  /** Requests in flight per request/s (the duration in seconds). */
  inFlightPerRps: number;
  /** Memory each request in flight holds, MB. */
  inFlightMb: number;
  /** Memory each instance or task holds once for the app itself, MB. */
  appMb: number;
  minCount: number;
}

export function serverDemand(shape: WorkloadShape): ServerDemand {
  const seconds = shape.durationMs / 1000;
  return {
    vcpuPerRps: (seconds * shape.cpuShare) / TARGET_UTILISATION,
    inFlightPerRps: seconds,
    inFlightMb: shape.nature === 'cpu-bound' ? shape.memoryMb : shape.memoryMb * IO_IN_FLIGHT_MEMORY_SHARE,
    appMb: shape.memoryMb,
    minCount: isUserFacing(shape.trigger) ? MIN_SERVERS_USER_FACING : MIN_SERVERS_BACKGROUND,
  };
}
