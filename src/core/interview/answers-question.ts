import type { QuestionId } from '../conversation.js';
import type { ParseResult } from '../parse/parse-workload.js';
import type { WorkloadFacts } from '../workload.js';

/** Did the parse answer the question that was asked? Shared by a conversation's and a review component's interview. */
export function answersQuestion(question: QuestionId, parsed: ParseResult): boolean {
  const f: WorkloadFacts = parsed.facts;
  switch (question) {
    case 'traffic':
      return f.traffic !== undefined || f.connections !== undefined;
    case 'duration':
      return f.duration !== undefined;
    case 'constraints':
      return (
        f.constraintsAnswered === true ||
        f.state !== undefined ||
        f.latencyP99Ms !== undefined ||
        f.packageMb !== undefined ||
        f.memoryMb !== undefined ||
        f.trigger !== undefined ||
        f.gpu !== undefined ||
        f.portable !== undefined ||
        f.edge !== undefined ||
        f.runtime !== undefined ||
        f.connections !== undefined
      );
    case 'description':
      return true;
  }
}
