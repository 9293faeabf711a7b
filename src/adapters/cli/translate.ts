import type { AdvisorEvent } from '../../core/advisor-types.js';
import type { CardAction } from '../../core/card.js';
import { ACTION_IDS } from '../../core/action-ids.js';

// A terminal line -> an advisor event. A bare number picks a choice on
// screen, so quick replies and next steps work without buttons.

const TYPED_ACTIONS: Record<string, { actionId: string; value?: string }> = {
  'show the math': { actionId: ACTION_IDS.showMath },
  'show math': { actionId: ACTION_IDS.showMath },
  math: { actionId: ACTION_IDS.showMath },
  'traffic x10': { actionId: ACTION_IDS.whatIf, value: 'traffic:10' },
  'twice as long': { actionId: ACTION_IDS.whatIf, value: 'duration:2' },
};

export interface OnScreen {
  /** The numbered choices last shown. */
  choices: readonly CardAction[];
  /** True while a question waits for an answer (typed shortcuts then read as answers). */
  answering: boolean;
}

export function translateLine(line: string, screen: OnScreen): AdvisorEvent {
  const text = line.trim();
  const pick = /^\d{1,2}$/.test(text) ? screen.choices[Number(text) - 1] : undefined;
  if (pick) return { kind: 'action', actionId: pick.id, ...(pick.value === undefined ? {} : { value: pick.value }) };
  const typed = screen.answering ? undefined : TYPED_ACTIONS[text.toLowerCase()];
  if (typed) return { kind: 'action', ...typed };
  return { kind: 'message', text };
}
