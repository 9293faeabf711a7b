import type { WorkloadFacts, WorkloadField } from '../workload.js';

/** One figure or trait the parser understood, in words a person can check. */
export interface Heard {
  field: WorkloadField;
  text: string;
}

export interface ParseResult {
  /** Only the fields understood from this text. */
  facts: WorkloadFacts;
  /** One echo per understood figure or trait. */
  heard: Heard[];
  /** What could not be read, as messages for the person; empty when all is fine. */
  unread: string[];
}

const LABELS: Partial<Record<WorkloadField, string>> = {
  traffic: 'traffic',
  duration: 'duration',
  memoryMb: 'memory',
  packageMb: 'package',
  trigger: 'trigger',
  state: 'state',
  latencyP99Ms: 'latency target',
  nature: 'work',
  cpuShare: 'CPU share',
  prototype: 'stage',
  architecture: 'architecture',
  region: 'region',
  constraintsAnswered: 'constraints',
  description: 'description',
  connections: 'connections',
  gpu: 'GPU',
  portable: 'portability',
  edge: 'edge',
  runtime: 'runtime',
  modelMb: 'model',
  vagueDuration: 'duration',
  logs: 'logs',
  responses: 'responses',
  vpcInternet: 'network',
  ephemeralMb: 'ephemeral storage',
  commitment: 'commitment',
};

/** "traffic: 15,000 requests/hour, all day (≈ 11M/month)". */
export function formatHeard(heard: Heard): string {
  return `${LABELS[heard.field] ?? heard.field}: ${heard.text}`;
}
