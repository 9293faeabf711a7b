import type { Reason } from '../assessment.js';
import { formatCountRounded } from '../format.js';
import { trafficPeakRps } from '../traffic.js';
import type { StateNeed } from '../workload.js';
import type { Rule } from './rule.js';

// State: the soft limits where functions work against the design. Held client
// connections with a count are the connection rule's; these are the rest.

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
    text: (concurrency) => `Each function environment opens its own database connections: about ${formatCountRounded(Math.max(1, concurrency))} at peak instead of one shared pool (RDS Proxy fixes this at extra cost).`,
  },
};

const HELD: readonly StateNeed[] = ['websocket', 'long-lived-connection'];

export const stateRule: Rule = ({ workload }) => {
  const concurrency = Math.ceil(trafficPeakRps(workload.traffic) * (workload.duration.typicalMs / 1000));
  const needs = workload.connections ? workload.state.filter((need) => !HELD.includes(need)) : workload.state;
  return needs.map((need): Reason => ({
    rule: 'state',
    polarity: 'con',
    weight: STATE_REASONS[need].weight,
    text: STATE_REASONS[need].text(concurrency),
  }));
};
