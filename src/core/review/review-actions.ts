// Ids of the actions a review offers; adapters send them back unchanged as
// `{ kind: 'action', actionId, value }`. Quick replies to a component's
// question reuse the interview's own ids (ACTION_IDS.answer, assumeDefault)
// with the component id in front of the value: "c2|traffic:5 a day".
export const REVIEW_ACTIONS = {
  /** With a value ("image pipeline: resize uploads, 2 s, 3k/day", from a modal) adds it; without one, adapters open the add modal. */
  add: 'review-add',
  close: 'review-close',
  reopen: 'review-reopen',
  /** Repost the summary card at the bottom of the thread. */
  summary: 'review-summary',
} as const;

const COMPONENT_VALUE = /^(c\d{1,4})\|(.*)$/s;

export function encodeComponentValue(componentId: string, value: string): string {
  return `${componentId}|${value}`;
}

export function decodeComponentValue(value: string): { componentId: string; value: string } | null {
  const match = COMPONENT_VALUE.exec(value);
  return match ? { componentId: match[1] ?? '', value: match[2] ?? '' } : null;
}
