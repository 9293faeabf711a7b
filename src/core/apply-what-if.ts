import { mergeFacts } from './merge-facts.js';
import type { WhatIf } from './parse/parse-workload.js';
import { resolveWorkload } from './resolve-workload.js';
import { scaleTraffic } from './traffic.js';
import type { WorkloadFacts } from './workload.js';

// A what-if becomes the conversation's new baseline; the card lists what changed.

export function applyWhatIf(facts: WorkloadFacts, whatIf: WhatIf): WorkloadFacts {
  let next = mergeFacts(facts, whatIf.facts);
  if (whatIf.trafficFactor !== undefined && whatIf.trafficFactor > 0) {
    const base = next.traffic ?? resolveWorkload(next).workload.traffic;
    next = { ...next, traffic: scaleTraffic(base, whatIf.trafficFactor) };
  }
  return next;
}

/**
 * Button values are structured ("traffic:10", "duration:2", "memory:2"); typed
 * what-ifs go through the parser. Duration and memory scale from the resolved
 * figure, so a default can be scaled too.
 */
export function parseActionWhatIf(value: string, facts: WorkloadFacts): WhatIf | null {
  const match = /^(traffic|duration|memory):(\d+(?:\.\d+)?)$/.exec(value);
  const factor = Number(match?.[2]);
  if (!match || !(factor > 0)) return null;
  const field = match[1];
  if (field === 'traffic') return { trafficFactor: factor, facts: {}, summary: `traffic x${factor}` };
  const { workload } = resolveWorkload(facts);
  if (field === 'duration') {
    const duration = { typicalMs: workload.duration.typicalMs * factor, worstMs: workload.duration.worstMs * factor };
    return { facts: { duration }, summary: `duration x${factor}` };
  }
  return { facts: { memoryMb: Math.round(workload.memoryMb * factor) }, summary: `memory x${factor}` };
}
