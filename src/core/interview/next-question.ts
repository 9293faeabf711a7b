import type { QuestionId } from '../conversation.js';
import type { WorkloadFacts } from '../workload.js';

// What to ask next. Traffic and duration are always needed; the constraints
// are asked once, in one compact question, and only about what is unknown.

export function unknownConstraints(facts: WorkloadFacts): ConstraintTopic[] {
  const topics: ConstraintTopic[] = [];
  if (facts.state === undefined) topics.push('state');
  if (facts.latencyP99Ms === undefined) topics.push('latency');
  if (facts.packageMb === undefined) topics.push('dependencies');
  if (facts.memoryMb === undefined) topics.push('memory');
  return topics;
}

export type ConstraintTopic = 'state' | 'latency' | 'dependencies' | 'memory';

export function nextQuestion(facts: WorkloadFacts): QuestionId | null {
  return openQuestions(facts)[0] ?? null;
}

/**
 * The constraints question is skipped once the person has covered them: they
 * answered it, or they already said whether it keeps state and left at most
 * one other topic open (its default is then printed as an assumption).
 */
function constraintsCovered(facts: WorkloadFacts): boolean {
  if (facts.constraintsAnswered) return true;
  const unknown = unknownConstraints(facts);
  return unknown.length === 0 || (!unknown.includes('state') && unknown.length <= 1);
}

/** Every question still open, in asking order (for one-shot "needs_input" answers). */
export function openQuestions(facts: WorkloadFacts): QuestionId[] {
  const open: QuestionId[] = [];
  if (!facts.description?.trim()) open.push('description');
  if (!facts.traffic) open.push('traffic');
  if (!facts.duration) open.push('duration');
  if (!constraintsCovered(facts)) open.push('constraints');
  return open;
}
