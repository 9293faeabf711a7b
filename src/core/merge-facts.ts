import type { WorkloadFacts } from './workload.js';

/**
 * Applies newly heard facts over what was known. Later answers win (that is how
 * corrections work), except state needs, which accumulate until someone says
 * "stateless" (an empty list).
 */
export function mergeFacts(base: WorkloadFacts, patch: WorkloadFacts): WorkloadFacts {
  const merged: WorkloadFacts = { ...base };
  for (const [key, value] of Object.entries(patch) as [keyof WorkloadFacts, unknown][]) {
    if (value === undefined || key === 'description' || key === 'defaulted') continue;
    (merged as Record<string, unknown>)[key] = value;
  }
  // A figure the person now gives replaces the default they had accepted.
  if (base.defaulted && !patch.defaulted) {
    const still = base.defaulted.filter((field) => patch[field] === undefined);
    if (still.length) merged.defaulted = still;
    else delete merged.defaulted;
  }
  if (patch.state && patch.state.length > 0 && base.state) {
    merged.state = [...new Set([...base.state, ...patch.state])];
  }
  return merged;
}

/** True when the patch says anything about the workload itself. */
export function hasFacts(patch: WorkloadFacts): boolean {
  return Object.entries(patch).some(([key, value]) => key !== 'description' && key !== 'constraintsAnswered' && key !== 'defaulted' && value !== undefined);
}
