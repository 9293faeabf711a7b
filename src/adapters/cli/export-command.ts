import type { Card } from '../../core/card.js';
import type { ConversationStore, ReviewStore } from '../../core/ports.js';
import { renderCardMarkdown } from '../../render/card-markdown.js';
import type { ExportOptions } from './build-command.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { findConversation, shortId } from './find-conversation.js';
import { runReviewExport } from './review-command.js';
import { deliverDocument } from './write-output.js';

// `serverless-fit export <id>`: the latest result of a saved conversation as
// Markdown, exactly as it was shown then (same prices, same figures). A design
// review's id exports the review, as `review export` does.

export interface ExportDeps {
  store: ConversationStore;
  reviews: ReviewStore;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runExport(deps: ExportDeps, options: ExportOptions): Promise<ExitCode> {
  const found = await findConversation(deps.store, options.workspace, options.id);
  if (found.kind === 'ambiguous') {
    deps.err.write(`"${options.id}" fits more than one conversation (${found.ids.map(shortId).join(', ')}); type more of the id.\n`);
    return EXIT_CODES.failed;
  }
  if (found.kind === 'none') {
    if (await deps.reviews.get(options.workspace, options.id)) return runReviewExport({ reviews: deps.reviews, out: deps.out, err: deps.err }, { action: 'export', ...options });
    const where = options.workspace === 'local' ? '' : ` in workspace "${options.workspace}"`;
    deps.err.write(`There is no conversation or review "${options.id}"${where}. serverless-fit history lists conversations; serverless-fit review list lists reviews.\n`);
    return EXIT_CODES.failed;
  }
  const { conversation } = found;
  const turn = (await deps.store.turns(options.workspace, conversation.id))
    .filter((t) => t.role === 'bot' && t.kind === 'card')
    .at(-1);
  const card = turn ? asCard(turn.payload) : null;
  if (!turn || !card) {
    const waiting = conversation.pending ? ` It is waiting for an answer about ${conversation.pending}.` : '';
    deps.err.write(`Conversation ${shortId(conversation.id)} has no result yet.${waiting} Continue it in the chat: serverless-fit chat, then "resume ${shortId(conversation.id)}".\n`);
    return EXIT_CODES.failed;
  }
  const markdown = renderCardMarkdown(card, { conversationId: conversation.id, at: turn.at });
  return deliverDocument(deps, options.out, markdown, `the assessment of "${card.title}"`);
}

/** A saved card, checked for the parts the Markdown needs; lists an older version did not save read as empty. */
function asCard(payload: unknown): Card | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Partial<Card>;
  if (typeof p.title !== 'string' || typeof p.headline !== 'string' || !Array.isArray(p.costs)) return null;
  const list = <T,>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
  return {
    ...(p as Card),
    fields: list(p.fields),
    reasons: list(p.reasons),
    changeIf: list(p.changeIf),
    assumptions: list(p.assumptions),
    math: list(p.math),
    changes: list(p.changes),
    actions: [],
    breakEven: p.breakEven ?? null,
    pricing: p.pricing ?? '',
  };
}
