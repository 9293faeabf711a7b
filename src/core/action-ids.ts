// Ids of the actions a card or question offers. Adapters send them back
// unchanged as `{ kind: 'action', actionId, value }`.
export const ACTION_IDS = {
  /** A quick-reply answer; `value` is the answer text. */
  answer: 'answer',
  /** A what-if; `value` is the what-if text ("traffic x10"). */
  whatIf: 'what-if',
  startOver: 'start-over',
  /** Post the result card in the channel itself; the advisor returns the card again. */
  share: 'share',
  /** The itemised arithmetic behind every cost. */
  showMath: 'show-math',
  /** Fill the pending question with its stated default; `value` is the question id. */
  assumeDefault: 'assume-default',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
