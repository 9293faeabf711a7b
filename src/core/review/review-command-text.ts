import type { AdvisorEvent } from '../advisor-types.js';

/**
 * The words after "review" in `/serverless-fit review ...` or the terminal's
 * first line -> an event. "list" lists; anything else opens a review by that
 * name, and the advisor reopens instead when the words are a review's id.
 */
export function reviewEventFor(rest: string): Extract<AdvisorEvent, { kind: 'review-open' } | { kind: 'review-list' } | { kind: 'review-reopen' }> {
  const text = rest.replace(/\s+/g, ' ').trim();
  if (/^(?:list|ls|all)$/i.test(text)) return { kind: 'review-list' };
  const reopen = /^(?:reopen|open)\s+([a-z0-9]{4,40})$/i.exec(text);
  if (reopen) return { kind: 'review-reopen', id: reopen[1] ?? '' };
  return { kind: 'review-open', name: text };
}
