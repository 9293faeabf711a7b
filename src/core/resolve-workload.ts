import type { Assumption } from './assessment.js';
import { flatProfile } from './traffic.js';
import type { ResolvedWorkload, Traffic, Trigger, WorkloadFacts, WorkNature } from './workload.js';

// Fills every gap in the facts with a stated default. Each default becomes an
// assumption printed on the card, so nothing is guessed silently.

/** Share of the duration spent on the CPU, by the nature of the work. */
export const CPU_SHARE_BY_NATURE: Record<WorkNature, number> = {
  'cpu-bound': 0.9,
  mixed: 0.5,
  'io-bound': 0.2,
};

const DEFAULT_MEMORY_MB = 512;
const DEFAULT_CPU_BOUND_MEMORY_MB = 1024;
const DEFAULT_PACKAGE_MB = 50;
const DEFAULT_REQUESTS_PER_DAY = 10_000;
const DEFAULT_DURATION_MS = 200;
/** API Gateway's 29 s integration timeout: longer runs cannot be a plain HTTP request. */
const LONG_FOR_HTTP_MS = 29_000;

const DEFAULT_TRAFFIC: Traffic = {
  hourly: flatProfile(DEFAULT_REQUESTS_PER_DAY / 24),
  basis: 'steady',
  spread: { low: 0.1, high: 10 },
  echo: `${DEFAULT_REQUESTS_PER_DAY.toLocaleString('en-US')} requests a day (assumed)`,
};

/** The stated default for a question the person chose not to answer. */
export function defaultFor(question: 'description' | 'traffic' | 'duration', facts: WorkloadFacts): WorkloadFacts {
  const defaulted = (field: 'traffic' | 'duration') => [...(facts.defaulted ?? []).filter((f) => f !== field), field];
  switch (question) {
    case 'traffic':
      return { traffic: DEFAULT_TRAFFIC, defaulted: defaulted('traffic') };
    case 'duration':
      return { duration: { typicalMs: DEFAULT_DURATION_MS, worstMs: DEFAULT_DURATION_MS }, defaulted: defaulted('duration') };
    case 'description':
      return { description: 'Unnamed workload' };
  }
}

const SERVICE_TRIGGERS: readonly Trigger[] = ['http', 'webhook', 'websocket'];

export function resolveWorkload(facts: WorkloadFacts): { workload: ResolvedWorkload; assumptions: Assumption[] } {
  const assumptions: Assumption[] = [];
  const assume = (about: string, text: string) => assumptions.push({ about, text });

  // A run longer than an HTTP request can wait is a background job, not an API.
  const longRunning = (facts.duration?.worstMs ?? 0) > LONG_FOR_HTTP_MS;
  const trigger = facts.trigger ?? (longRunning ? 'queue' : 'http');
  if (!facts.trigger) {
    assume('trigger', longRunning ? 'Run as a background job from a queue (no trigger was named, and runs this long outlast an HTTP request).' : 'Invoked over HTTP (no trigger was named).');
  }

  const nature = facts.nature ?? (SERVICE_TRIGGERS.includes(trigger) ? 'io-bound' : 'mixed');
  if (!facts.nature) {
    assume('nature', nature === 'io-bound' ? 'Mostly waiting on I/O (a typical API handler).' : 'Half CPU work, half waiting on I/O.');
  }

  const cpuShare = facts.cpuShare ?? CPU_SHARE_BY_NATURE[nature];
  if (facts.cpuShare === undefined) {
    assume('cpuShare', `${Math.round(cpuShare * 100)}% of each run is CPU time (servers size for CPU, not wall-clock time).`);
  }

  const memoryMb = facts.memoryMb ?? (nature === 'cpu-bound' ? DEFAULT_CPU_BOUND_MEMORY_MB : DEFAULT_MEMORY_MB);
  if (facts.memoryMb === undefined) assume('memoryMb', `${memoryMb} MB of memory per invocation.`);

  const traffic = facts.traffic ?? DEFAULT_TRAFFIC;
  if (!facts.traffic || facts.defaulted?.includes('traffic')) assume('traffic', `${DEFAULT_REQUESTS_PER_DAY.toLocaleString('en-US')} requests a day, spread evenly (no traffic was given; the cost band spans 10x either way).`);

  const duration = facts.duration ?? { typicalMs: DEFAULT_DURATION_MS, worstMs: DEFAULT_DURATION_MS };
  if (!facts.duration || facts.defaulted?.includes('duration')) assume('duration', `${DEFAULT_DURATION_MS} ms per invocation.`);

  const packageMb = facts.packageMb ?? DEFAULT_PACKAGE_MB;
  if (facts.packageMb === undefined) assume('packageMb', `Code and dependencies about ${DEFAULT_PACKAGE_MB} MB unzipped.`);

  const state = facts.state ?? [];
  if (!facts.state) assume('state', 'Stateless between requests (no WebSockets, in-memory cache or connection pool mentioned).');

  const architecture = facts.architecture ?? 'x86';
  if (!facts.architecture) assume('architecture', 'x86 (Arm is about 20% cheaper on Lambda and Fargate).');

  const region = facts.region ?? 'us-east-1';
  if (!facts.region) assume('region', 'us-east-1 on-demand list prices.');

  return {
    workload: {
      description: facts.description?.trim() || 'Unnamed workload',
      trigger,
      traffic,
      duration,
      memoryMb,
      cpuShare,
      nature,
      packageMb,
      state,
      latencyP99Ms: facts.latencyP99Ms ?? null,
      architecture,
      region,
      prototype: facts.prototype ?? false,
    },
    assumptions,
  };
}
