import {
  CONNECTION_MEMORY_KB,
  CONNECTIONS_PER_VCPU,
  IO_IN_FLIGHT_MEMORY_SHARE,
  MIN_SERVERS_BACKGROUND,
  MIN_SERVERS_USER_FACING,
  TARGET_UTILISATION,
} from './cost-constants.js';
import { isUserFacing, type WorkloadShape } from './cost-model.js';

// How much server capacity one request per second needs. Servers multiplex
// I/O-bound requests, so CPU follows CPU time (duration x CPU share), not
// wall-clock duration; memory follows the requests in flight, and open
// connections add their own CPU and memory. A CPU-bound job's working set is
// its memory, counted once: it is not also an app held beside it.

export interface ServerDemand {
  /** vCPUs needed per request/s, at the target utilisation. */
  vcpuPerRps: number;
  /** Memory held per request/s: requests in flight and the connections that come with them, MB. */
  memoryMbPerRps: number;
  /** Memory each instance or task holds once for the app itself, MB. */
  appMb: number;
  /** An instance or task must hold at least this much in one piece (a job's working set), MB. */
  minPieceMb: number;
  minCount: number;
}

export function serverDemand(shape: WorkloadShape): ServerDemand {
  const seconds = shape.durationMs / 1000;
  const cpuBound = shape.nature === 'cpu-bound';
  const inFlightMb = cpuBound ? shape.memoryMb : shape.memoryMb * IO_IN_FLIGHT_MEMORY_SHARE;
  const connections = shape.connections?.perRps ?? 0;
  return {
    vcpuPerRps: (seconds * shape.cpuShare) / TARGET_UTILISATION + connections / CONNECTIONS_PER_VCPU,
    memoryMbPerRps: seconds * inFlightMb + (connections * CONNECTION_MEMORY_KB) / 1024,
    appMb: cpuBound ? 0 : shape.memoryMb,
    minPieceMb: shape.memoryMb,
    minCount: isUserFacing(shape.trigger) || shape.connections ? MIN_SERVERS_USER_FACING : MIN_SERVERS_BACKGROUND,
  };
}
