import type { Reason } from '../assessment.js';
import { formatInt } from '../format.js';
import { peakRps } from '../traffic.js';
import type { StateNeed } from '../workload.js';
import { LATENCY_CRITICAL_MS } from './lambda-limits.js';
import type { Rule } from './rule.js';

// State and latency: the soft limits where functions work against the design.

const STATE_REASONS: Record<StateNeed, { weight: number; text: (concurrency: number) => string }> = {
  websocket: {
    weight: 35,
    text: () => 'WebSocket connections stay open for minutes or hours, but a function runs per message and keeps nothing between them: every connection\'s state must move to a database (API Gateway WebSocket holds the sockets).',
  },
  'long-lived-connection': {
    weight: 30,
    text: () => 'Long-lived connections outlive a function: invocations stop at 15 minutes and are frozen between requests.',
  },
  'in-memory-cache': {
    weight: 20,
    text: () => 'An in-memory cache lives in one execution environment and is lost on every cold start and scale-out, so hit rates fall; a shared cache (Redis) or a long-running server keeps it.',
  },
  'connection-pool': {
    weight: 15,
    text: (concurrency) => `Each function environment opens its own database connections: about ${formatInt(Math.max(1, concurrency))} at peak instead of one shared pool (RDS Proxy fixes this at extra cost).`,
  },
};

export const stateRule: Rule = ({ workload }) => {
  const concurrency = Math.ceil(peakRps(workload.traffic.hourly) * (workload.duration.typicalMs / 1000));
  return workload.state.map((need): Reason => ({
    rule: 'state',
    polarity: 'con',
    weight: STATE_REASONS[need].weight,
    text: STATE_REASONS[need].text(concurrency),
  }));
};

export const latencyRule: Rule = ({ workload }) => {
  const target = workload.latencyP99Ms;
  if (target === null) return [];
  if (target < LATENCY_CRITICAL_MS) {
    return [{
      rule: 'latency',
      polarity: 'con',
      weight: 20,
      text: `A p99 target of ${formatInt(target)} ms leaves no room for cold starts (under 100 ms to over 1 s, in under 1% of invocations: exactly the p99); provisioned concurrency avoids them at extra cost.`,
    }];
  }
  if (target < 300 && workload.packageMb > 250) {
    return [{
      rule: 'cold-start',
      polarity: 'con',
      weight: 10,
      text: `A p99 target of ${formatInt(target)} ms with ${formatInt(workload.packageMb)} MB to load: cold starts with a big package can pass it.`,
    }];
  }
  return [];
};
