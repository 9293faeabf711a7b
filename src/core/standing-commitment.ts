import type { CommitmentSetting } from './ports.js';
import type { WorkloadFacts } from './workload.js';

// A workspace's standing commitment joins an assessment's facts only when the
// workload's own words ask for none: what a person says about this workload
// comes first. The facts kept in the conversation are never changed, so a
// later change of the setting applies to the next assessment.

export function withStandingCommitment(facts: WorkloadFacts, standing: CommitmentSetting | null | undefined): WorkloadFacts {
  if (!standing || facts.commitment) return facts;
  return { ...facts, commitment: { ...standing, words: "the workspace's commitment setting", from: 'workspace' } };
}
