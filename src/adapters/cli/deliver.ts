import { ACTION_IDS } from '../../core/action-ids.js';
import type { Reply } from '../../core/advisor-types.js';
import { renderReviewText } from '../../render/review-text.js';
import { renderReply, type TextStyle } from '../../render/text.js';

/** Writes a reply to the terminal; numbered choices match what translateLine accepts. */
export function deliverReply(reply: Reply, out: NodeJS.WritableStream, style: TextStyle): void {
  // A design review's summary card, when the card itself is the message (open, "summary", close, reopen).
  if (reply.kind !== 'result' && reply.review?.show) {
    const next = reply.review.card.status === 'open' ? 'Add components: "add <name>: <what it does>", or paste them one per line as "- name: what it does". "help" lists the rest.' : 'Say "reopen" to change it again, or "history".';
    out.write(`\n${renderReviewText(reply.review.card)}\n${next}\n`);
    return;
  }
  if (reply.kind === 'question' && reply.question.choices.length) {
    const numbered = {
      ...reply.question,
      choices: reply.question.choices.map((c, i) => ({ ...c, label: `[${i + 1}] ${c.label}` })),
    };
    out.write(`\n${renderReply({ ...reply, question: numbered }, style)}\n`);
    return;
  }
  out.write(`\n${renderReply(forTerminal(reply), style)}\n`);
}

/** There is no channel to share to from a terminal. */
export function forTerminal(reply: Reply): Reply {
  if (reply.kind !== 'result') return reply;
  return { ...reply, card: { ...reply.card, actions: reply.card.actions.filter((a) => a.id !== ACTION_IDS.share) } };
}
