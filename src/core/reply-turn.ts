import type { Reply } from './advisor-types.js';

// How the bot's reply is written into a conversation's history: the words a
// person saw, and the structured part a later export or replay needs.

export function botTurn(reply: Reply): { kind: 'question' | 'card' | 'notice'; text: string; payload: unknown } {
  switch (reply.kind) {
    case 'question':
      return { kind: 'question', text: reply.question.text, payload: { question: reply.question.id, hint: reply.question.hint } };
    case 'result':
      return { kind: 'card', text: reply.card.headline, payload: { ...reply.card, chart: null } };
    case 'notice':
      return { kind: 'notice', text: reply.text, payload: { level: reply.level } };
  }
}
