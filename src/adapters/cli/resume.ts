import type { QuestionCard } from '../../core/card.js';
import type { ConversationKey } from '../../core/conversation.js';
import { describeFacts } from '../../core/describe-workload.js';
import { questionCard } from '../../core/interview/question-cards.js';
import type { ConversationStore } from '../../core/ports.js';
import { findConversation, shortId } from './find-conversation.js';

// `resume <id>` in the terminal chat: a saved conversation continues in its
// own thread, where it stopped (the question it was waiting on is asked
// again), whether the earlier session quit, crashed or was killed. An id that
// is no conversation may be a design review's.

export type ResumeTarget =
  | { kind: 'conversation'; key: ConversationKey; id: string; text: string; question: QuestionCard | null }
  | { kind: 'review'; id: string }
  | { kind: 'none'; text: string };

export async function resumeTarget(store: ConversationStore, workspace: string, typed: string): Promise<ResumeTarget> {
  const found = await findConversation(store, workspace, typed);
  if (found.kind === 'ambiguous') return { kind: 'none', text: `"${typed}" fits more than one conversation (${found.ids.map(shortId).join(', ')}); type more of the id.` };
  if (found.kind === 'none') return /^[a-z0-9]{4,40}$/i.test(typed) ? { kind: 'review', id: typed.toLowerCase() } : notFound(typed);
  const { conversation } = found;
  // Only a terminal conversation continues here: a Slack or Discord thread has people waiting in it.
  if (conversation.key.platform !== 'cli') return notFound(typed);
  const name = `${shortId(conversation.id)}: "${oneLine(conversation.facts.description ?? '')}"`;
  if (conversation.pending) {
    const question = questionCard(conversation.pending, conversation.facts, describeFacts(conversation.facts), null);
    return { kind: 'conversation', key: conversation.key, id: conversation.id, text: `Resumed ${name}.`, question };
  }
  const last = conversation.last ? ` Last result: ${conversation.last.verdict}, ${conversation.last.platform}.` : '';
  return {
    kind: 'conversation',
    key: conversation.key,
    id: conversation.id,
    text: `Resumed ${name}.${last} Ask a what-if ("what if traffic is 10x"), "show the math", or "new".`,
    question: null,
  };
}

export function notFound(typed: string): Extract<ResumeTarget, { kind: 'none' }> {
  return { kind: 'none', text: `There is no saved conversation or review "${typed}" here. "history" lists conversations; "review list" lists design reviews.` };
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim() || '(no description yet)';
  return t.length <= 70 ? t : `${t.slice(0, 69)}…`;
}
