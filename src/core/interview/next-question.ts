import type { QuestionId } from '../conversation.js';
import type { WorkloadFacts } from '../workload.js';

// What to ask next. Traffic and duration are always needed (for held
// connections, the connections say both); the constraints are asked once, in
// one compact question, and only about what is unknown. Memory is asked when it
// drives the answer (CPU-bound work, a model), and the trigger when the verdict
// leans on it (the caller knows; it has the prices).

export type ConstraintTopic = 'memory' | 'trigger' | 'state' | 'latency' | 'dependencies';

export interface InterviewContext {
  /** The verdict or the platform changes with the trigger, and none was named. */
  triggerLeans?: boolean;
}

/** Work on large data holds it in memory: the memory setting decides the price. */
const LARGE_DATA = /\b(?:pandas|dataframes?|spark|parquet|large (?:files?|datasets?|csvs?)|big (?:files?|datasets?|csvs?)|whole (?:file|dataset|table) in memory|loads? (?:the |a )?(?:whole|entire) )/i;

/** CPU-bound work, a model or large data: the memory setting decides Lambda's CPU and price. */
export function memoryDrives(facts: WorkloadFacts): boolean {
  if (facts.memoryMb !== undefined) return false;
  return facts.nature === 'cpu-bound' || facts.modelMb !== undefined || LARGE_DATA.test(facts.description ?? '');
}

export function unknownConstraints(facts: WorkloadFacts, context: InterviewContext = {}): ConstraintTopic[] {
  const topics: ConstraintTopic[] = [];
  // What drives the answer leads.
  if (memoryDrives(facts)) topics.push('memory');
  if (context.triggerLeans && facts.trigger === undefined) topics.push('trigger');
  if (facts.state === undefined && !facts.connections) topics.push('state');
  if (facts.latencyP99Ms === undefined) topics.push('latency');
  if (facts.packageMb === undefined) topics.push('dependencies');
  if (facts.memoryMb === undefined && !topics.includes('memory')) topics.push('memory');
  return topics;
}

export function nextQuestion(facts: WorkloadFacts, context: InterviewContext = {}): QuestionId | null {
  return openQuestions(facts, context)[0] ?? null;
}

/**
 * The constraints question is skipped once the person has covered them: they
 * answered it, or they already said whether it keeps state and left at most
 * one other topic open (its default is then printed as an assumption). Memory
 * that drives the answer, or a trigger the verdict leans on, is always asked.
 */
function constraintsCovered(facts: WorkloadFacts, context: InterviewContext): boolean {
  if (facts.constraintsAnswered) return true;
  if (memoryDrives(facts) || (context.triggerLeans && facts.trigger === undefined)) return false;
  const unknown = unknownConstraints(facts);
  const stateKnown = facts.state !== undefined || facts.connections !== undefined;
  return unknown.length === 0 || (stateKnown && unknown.length <= 1);
}

/** Every question still open, in asking order (for one-shot "needs_input" answers). */
export function openQuestions(facts: WorkloadFacts, context: InterviewContext = {}): QuestionId[] {
  const open: QuestionId[] = [];
  if (!facts.description?.trim()) open.push('description');
  if (!facts.traffic && !facts.connections) open.push('traffic');
  // Held connections say how long work runs: a message at a time (stated as an assumption).
  if (!facts.duration && !facts.connections) open.push('duration');
  if (!constraintsCovered(facts, context)) open.push('constraints');
  return open;
}
