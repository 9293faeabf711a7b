import type { Conversation } from '../../core/conversation.js';
import type { ConversationStore } from '../../core/ports.js';

// The ids people type: the first 8 characters `history` prints, or any longer
// prefix, or the whole id. A prefix that fits two conversations is refused
// with both named, never guessed.

export const SHORT_ID_LENGTH = 8;
const MIN_PREFIX = 4;
/** How far back a prefix is looked for; a whole id is always found. */
const PREFIX_SCAN = 10_000;

export function shortId(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}

export type FoundConversation = { kind: 'found'; conversation: Conversation } | { kind: 'none' } | { kind: 'ambiguous'; ids: string[] };

export async function findConversation(store: ConversationStore, workspace: string, typed: string): Promise<FoundConversation> {
  const id = typed.trim().toLowerCase();
  const exact = id ? await store.get(workspace, id) : null;
  if (exact) return { kind: 'found', conversation: exact };
  if (id.length < MIN_PREFIX) return { kind: 'none' };
  const matches = (await store.list(workspace, { limit: PREFIX_SCAN })).filter((item) => item.id.toLowerCase().startsWith(id));
  if (matches.length > 1) return { kind: 'ambiguous', ids: matches.slice(0, 5).map((m) => m.id) };
  const conversation = matches[0] ? await store.get(workspace, matches[0].id) : null;
  return conversation ? { kind: 'found', conversation } : { kind: 'none' };
}
