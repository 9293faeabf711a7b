import type { Assumption } from './assessment.js';
import { formatCountRounded } from './format.js';
import { resolveConnections } from './resolve-connections.js';
import { LAMBDA_LIMITS } from './rules/lambda-limits.js';
import { flatProfile } from './traffic.js';
import type { ResolvedWorkload, Traffic, Trigger, WorkloadFacts, WorkNature } from './workload.js';

// Fills every gap in the facts with a stated default. Each default becomes an
// assumption printed on the card, so nothing is guessed silently. Defaults
// follow the kind of work: a redirect at the edge does not get 512 MB, a
// CPU-bound job gets one full Lambda vCPU, a model sets its own memory.

/** Share of the duration spent on the CPU, by the nature of the work. */
export const CPU_SHARE_BY_NATURE: Record<WorkNature, number> = {
  'cpu-bound': 0.9,
  mixed: 0.5,
  'io-bound': 0.2,
};

const DEFAULT_MEMORY_MB = 512;
const DEFAULT_EDGE_MEMORY_MB = 128;
/** A model needs itself in memory plus room for the runtime and the request. */
const MODEL_HEADROOM_MB = 1024;
const DEFAULT_PACKAGE_MB = 50;
const DEFAULT_EDGE_PACKAGE_MB = 1;
const DEFAULT_REQUESTS_PER_DAY = 10_000;
const DEFAULT_DURATION_MS = 200;
const DEFAULT_EDGE_DURATION_MS = 10;
/** Handling one message on an open connection: a lookup and a fan-out. */
const DEFAULT_MESSAGE_MS = 20;
/** A game tick sent to one player: serialising a state delta. */
const DEFAULT_TICK_MS = 2;
/** API Gateway's 29 s integration timeout: longer runs cannot be a plain HTTP request. */
const LONG_FOR_HTTP_MS = 29_000;
const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** A job a minute or longer, with no volume given: once a day, at night. */
const DEFAULT_JOB_TRAFFIC: Traffic = {
  hourly: flatProfile(0).map((_, h) => (h === 2 ? 1 : 0)),
  basis: 'schedule',
  spread: { low: 1 / 7, high: 24 },
  echo: '1 run a day (assumed)',
};
const BACKGROUND: readonly Trigger[] = ['queue', 'schedule', 'storage-event', 'stream'];
const JOB_MS = 60_000;

function isJobFacts(facts: WorkloadFacts): boolean {
  const ms = facts.duration?.worstMs ?? vagueDurationMs(facts) ?? 0;
  return ms >= JOB_MS && (facts.trigger === undefined || BACKGROUND.includes(facts.trigger));
}

// toLocaleString builds a number formatter on every call: one, built on first use (the first
// Intl object of a process loads ICU's locale data), words the counts here.
let countFormat: Intl.NumberFormat | undefined;
const COUNT = { format: (n: number) => (countFormat ??= new Intl.NumberFormat('en-US')).format(n) };
const DEFAULT_REQUESTS_WORDS = `${formatCountRounded(DEFAULT_REQUESTS_PER_DAY)} requests a day`;

const DEFAULT_TRAFFIC: Traffic = {
  hourly: flatProfile(DEFAULT_REQUESTS_PER_DAY / 24),
  basis: 'steady',
  spread: { low: 0.1, high: 10 },
  echo: `${DEFAULT_REQUESTS_WORDS} (assumed)`,
};

/** "runs for hours" without a figure: two of that unit, the smallest plural. */
function vagueDurationMs(facts: WorkloadFacts): number | null {
  return facts.vagueDuration ? 2 * UNIT_MS[facts.vagueDuration] : null;
}

/** The stated default for a question the person chose not to answer. */
export function defaultFor(question: 'description' | 'traffic' | 'duration', facts: WorkloadFacts): WorkloadFacts {
  const defaulted = (field: 'traffic' | 'duration') => [...(facts.defaulted ?? []).filter((f) => f !== field), field];
  switch (question) {
    case 'traffic':
      return { traffic: isJobFacts(facts) ? DEFAULT_JOB_TRAFFIC : DEFAULT_TRAFFIC, defaulted: defaulted('traffic') };
    case 'duration': {
      const ms = vagueDurationMs(facts) ?? defaultDurationMs(facts);
      return { duration: { typicalMs: ms, worstMs: ms }, defaulted: defaulted('duration') };
    }
    case 'description':
      return { description: 'Unnamed workload' };
  }
}

function defaultDurationMs(facts: WorkloadFacts): number {
  if (facts.connections) return facts.connections.kind === 'game' ? DEFAULT_TICK_MS : DEFAULT_MESSAGE_MS;
  return facts.edge ? DEFAULT_EDGE_DURATION_MS : DEFAULT_DURATION_MS;
}

const SERVICE_TRIGGERS: readonly Trigger[] = ['http', 'webhook', 'websocket'];

function defaultMemoryMb(facts: WorkloadFacts, nature: WorkNature): number {
  if (facts.modelMb !== undefined) return Math.ceil((facts.modelMb + MODEL_HEADROOM_MB) / 512) * 512;
  if (facts.edge) return DEFAULT_EDGE_MEMORY_MB;
  return nature === 'cpu-bound' ? LAMBDA_LIMITS.memoryMbPerVcpu : DEFAULT_MEMORY_MB;
}

function memoryAssumption(facts: WorkloadFacts, memoryMb: number): string {
  if (facts.modelMb !== undefined) return `${memoryMb} MB of memory per invocation: the ${facts.modelMb} MB model loaded once plus ${MODEL_HEADROOM_MB} MB for the runtime and the request (no memory was given).`;
  if (facts.edge) return `${memoryMb} MB of memory per invocation, plenty for logic at the edge (no memory was given).`;
  if (memoryMb === LAMBDA_LIMITS.memoryMbPerVcpu) return `${memoryMb} MB of memory per invocation, where Lambda gives one full vCPU, since the work is CPU-bound (no memory was given).`;
  return `${memoryMb} MB of memory per invocation.`;
}

/** `defaultRegion`: the workspace's default region, used when the words and template name none. */
/** Adds one stated assumption (a plain function, not a closure per call: this runs on every assessment). */
function assume(assumptions: Assumption[], about: string, text: string): void {
  assumptions.push({ about, text });
}

export function resolveWorkload(facts: WorkloadFacts, defaultRegion: string | null = null): { workload: ResolvedWorkload; assumptions: Assumption[] } {
  const assumptions: Assumption[] = [];

  // A run longer than an HTTP request can wait is a background job, not an API.
  const longRunning = (facts.duration?.worstMs ?? vagueDurationMs(facts) ?? 0) > LONG_FOR_HTTP_MS;
  const connections = resolveConnections(facts);
  const trigger = facts.trigger ?? connections?.trigger ?? (longRunning ? 'queue' : 'http');
  if (!facts.trigger) {
    assume(
      assumptions,
      'trigger',
      connections
        ? `${connections.trigger === 'websocket' ? 'WebSocket connections' : 'HTTP connections held open'} (no trigger was named; ${COUNT.format(connections.value.concurrent)} clients connected at once were).`
        : longRunning
          ? 'Run as a background job from a queue (no trigger was named, and runs this long outlast an HTTP request).'
          : 'Invoked over HTTP (no trigger was named).',
    );
  }

  const nature = facts.nature ?? (SERVICE_TRIGGERS.includes(trigger) ? 'io-bound' : 'mixed');
  if (!facts.nature) {
    assume(assumptions, 'nature', nature === 'io-bound' ? 'Mostly waiting on I/O (a typical API handler).' : 'Half CPU work, half waiting on I/O.');
  }

  const cpuShare = facts.cpuShare ?? CPU_SHARE_BY_NATURE[nature];
  if (facts.cpuShare === undefined) {
    assume(assumptions, 'cpuShare', `${Math.round(cpuShare * 100)}% of each run is CPU time (servers size for CPU, not wall-clock time).`);
  }

  const memoryMb = facts.memoryMb ?? defaultMemoryMb(facts, nature);
  if (facts.memoryMb === undefined) assume(assumptions, 'memoryMb', memoryAssumption(facts, memoryMb));

  const job = isJobFacts(facts);
  const traffic = facts.traffic ?? connections?.traffic ?? (job ? DEFAULT_JOB_TRAFFIC : DEFAULT_TRAFFIC);
  if (!facts.traffic && connections) assume(assumptions, 'traffic', connections.trafficAssumption);
  else if (!facts.traffic || facts.defaulted?.includes('traffic')) {
    assume(
      assumptions,
      'traffic',
      traffic.echo === DEFAULT_JOB_TRAFFIC.echo
        ? '1 run a day at 02:00 (no schedule or volume was given; the cost band spans once a week to every hour).'
        : `${DEFAULT_REQUESTS_WORDS}, spread evenly (no traffic was given; the cost band spans 10x either way).`,
    );
  }
  if (traffic.assumption) assume(assumptions, 'traffic', traffic.assumption);
  if (connections) for (const text of connections.assumptions) assume(assumptions, 'connections', text);

  const fallbackMs = vagueDurationMs(facts) ?? defaultDurationMs(facts);
  const duration = facts.duration ?? { typicalMs: fallbackMs, worstMs: fallbackMs };
  if (!facts.duration || facts.defaulted?.includes('duration')) {
    const ms = duration.typicalMs;
    assume(
      assumptions,
      'duration',
      facts.vagueDuration
        ? `${ms / UNIT_MS[facts.vagueDuration]} ${facts.vagueDuration}s per run (you said ${facts.vagueDuration}s but gave no figure).`
        : connections
          ? `${ms} ms to handle one message.`
          : `${ms} ms per invocation.`,
    );
  }

  const packageMb = facts.packageMb ?? (facts.edge ? DEFAULT_EDGE_PACKAGE_MB : DEFAULT_PACKAGE_MB);
  if (facts.packageMb === undefined) assume(assumptions, 'packageMb', `Code and dependencies about ${packageMb} MB unzipped.`);

  const state = facts.state ?? (connections ? [connections.state] : []);
  if (!facts.state) {
    assume(assumptions, 'state', connections ? 'Each client holds a connection open; nothing else is kept between messages.' : 'Stateless between requests (no WebSockets, in-memory cache or connection pool mentioned).');
  }

  const architecture = facts.architecture ?? 'x86';
  if (!facts.architecture) assume(assumptions, 'architecture', 'x86 (Arm is about 20% cheaper on Lambda and Fargate).');

  const regionFrom = facts.region ? 'stated' : defaultRegion ? 'workspace' : 'default';
  const region = facts.region ?? defaultRegion ?? 'us-east-1';
  if (regionFrom === 'workspace') assume(assumptions, 'region', `Region not given: priced in ${region}, this workspace's default region (\`settings region\` changes it).`);
  if (regionFrom === 'default') assume(assumptions, 'region', 'Region not given: priced at the pricing catalog\'s region (us-east-1 in the catalog shipped with serverless-fit), on-demand list prices.');

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
      connections: connections?.value ?? null,
      gpu: facts.gpu ?? false,
      gpuModel: facts.gpuModel ?? null,
      portable: facts.portable ?? false,
      edge: facts.edge ?? false,
      runtime: facts.runtime ?? null,
      modelMb: facts.modelMb ?? null,
      logs: facts.logs ?? null,
      responses: facts.responses ?? null,
      vpcInternet: facts.vpcInternet ?? null,
      ephemeralMb: facts.ephemeralMb ?? null,
      commitment: facts.commitment ?? null,
      regionFrom,
      stated: {
        trigger: facts.trigger !== undefined,
        memory: facts.memoryMb !== undefined,
        package: facts.packageMb !== undefined,
        duration: facts.duration !== undefined && !facts.defaulted?.includes('duration'),
        traffic: (facts.traffic !== undefined || facts.connections !== undefined) && !facts.defaulted?.includes('traffic'),
        region: facts.region !== undefined,
      },
    },
    assumptions,
  };
}
