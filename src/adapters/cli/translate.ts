import type { AdvisorEvent } from '../../core/advisor-types.js';
import type { QuestionCard } from '../../core/card.js';
import { ACTION_IDS } from '../../core/action-ids.js';

// A terminal line -> an advisor event. A bare number picks a listed choice,
// so the quick replies work without buttons.

const TYPED_ACTIONS: Record<string, { actionId: string; value?: string }> = {
  'show the math': { actionId: ACTION_IDS.showMath },
  'show math': { actionId: ACTION_IDS.showMath },
  math: { actionId: ACTION_IDS.showMath },
  'traffic x10': { actionId: ACTION_IDS.whatIf, value: 'traffic:10' },
  'twice as long': { actionId: ACTION_IDS.whatIf, value: 'duration:2' },
};

export function translateLine(line: string, lastQuestion: QuestionCard | null): AdvisorEvent {
  const text = line.trim();
  const pick = /^\d{1,2}$/.test(text) && lastQuestion ? lastQuestion.choices[Number(text) - 1] : undefined;
  if (pick) return { kind: 'action', actionId: pick.id, value: pick.value };
  const typed = lastQuestion ? undefined : TYPED_ACTIONS[text.toLowerCase()];
  if (typed) return { kind: 'action', ...typed };
  return { kind: 'message', text };
}
