import { ACTION_IDS } from '../../core/action-ids.js';
import type { Reply } from '../../core/advisor-types.js';
import type { CardAction, QuestionCard } from '../../core/card.js';
import { renderReviewText } from '../../render/review-text.js';
import { renderQuestion, renderReply, type TextStyle } from '../../render/text.js';

// Writes a reply to the terminal chat. Whatever can be picked (a question's
// quick replies, a result's next steps, a reopened review's open question) is
// numbered, and the numbered choices are returned so a bare "2" picks the
// second one whatever kind of message offered it.

export interface Delivered {
  /** The choices on screen, in the order they were numbered. */
  choices: CardAction[];
  /** The question waiting for an answer, when the reply asked or repeated one. */
  question: QuestionCard | null;
}

/** What is on screen after the reply; null when it leaves the earlier choices standing. */
export function deliverReply(reply: Reply, out: NodeJS.WritableStream, style: TextStyle): Delivered | null {
  // A design review's summary card, when the card itself is the message (open, "summary", close, reopen).
  if (reply.kind !== 'result' && reply.review?.show) {
    const open = reply.review.card.status === 'open';
    const next = open ? 'Add components: "add <name>: <what it does>", or paste them one per line as "- name: what it does". "help" lists the rest.' : 'Say "reopen" to change it again, or "history".';
    out.write(`\n${renderReviewText(reply.review.card)}\n${next}\n`);
    const pending = open ? reply.review.pending : undefined;
    return pending ? deliverQuestion(pending, out, style) : { choices: [], question: null };
  }
  if (reply.kind === 'question') return deliverQuestion(reply.question, out, style);
  if (reply.kind === 'result') {
    // No channel to share to from a terminal; the rest are typed or picked by number.
    const choices = reply.card.actions.filter((a) => a.id !== ACTION_IDS.share);
    out.write(`\n${renderReply({ ...reply, card: { ...reply.card, actions: [] } }, style)}\n`);
    out.write(`\nNext: ${numbered(choices)}\nType a number, a what-if ("what if traffic is 10x"), "new" for another workload, or "quit".\n`);
    return { choices, question: null };
  }
  const choices = reply.actions ?? [];
  out.write(`\n${renderReply({ ...reply, actions: [] }, style)}\n`);
  if (choices.length) out.write(`${numbered(choices)}\n`);
  // A notice answers an aside (the math, a review's help): the choices above still apply, and a
  // late pick carries its question, so the core reads it in context.
  return choices.length ? { choices, question: null } : null;
}

export function deliverQuestion(question: QuestionCard, out: NodeJS.WritableStream, style: TextStyle): Delivered {
  const labelled = { ...question, choices: question.choices.map((c, i) => ({ ...c, label: `[${i + 1}] ${c.label}` })) };
  out.write(`\n${renderQuestion(labelled, style)}\n`);
  return { choices: question.choices, question };
}

function numbered(choices: readonly CardAction[]): string {
  return choices.map((c, i) => `[${i + 1}] ${c.label}`).join(' | ');
}
