import type { ReviewStore } from '../../core/ports.js';
import { buildReviewCard } from '../../core/review/review-card.js';
import { renderReviewMarkdown } from '../../render/review-text.js';
import type { ReviewCliCommand } from './build-command.js';
import { toCsv } from './csv.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { textTable } from './text-table.js';
import { deliverDocument } from './write-output.js';

// `serverless-fit review list` and `serverless-fit review export <id>`: the
// reviews saved in the database, and one of them as Markdown for a design doc
// or a pull request. The workspace defaults to the terminal's own ("local").

export interface ReviewCommandDeps {
  reviews: ReviewStore;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  columns?: number;
}

/** Writes the review as Markdown to `--out` or stdout; returns the exit code. */
export async function runReviewExport(deps: ReviewCommandDeps, command: Extract<ReviewCliCommand, { action: 'export' }>): Promise<ExitCode> {
  const review = await deps.reviews.get(command.workspace, command.id);
  if (!review) {
    deps.err.write(`There is no review "${command.id}" in workspace "${command.workspace}". "serverless-fit review list${command.workspace === 'local' ? '' : ` --workspace ${command.workspace}`}" shows the reviews.\n`);
    return EXIT_CODES.failed;
  }
  const trail = await deps.reviews.changes(command.workspace, review.id);
  const last = trail.at(-1);
  const card = buildReviewCard(review, { changes: trail.length, lastActor: last?.actor ?? review.key.user, lastAt: last?.at ?? review.updatedAt });
  const markdown = renderReviewMarkdown(card, trail);
  return deliverDocument(deps, command.out, markdown, `the review "${review.name}"`);
}

export async function runReviewList(deps: ReviewCommandDeps, command: Extract<ReviewCliCommand, { action: 'list' }>): Promise<ExitCode> {
  const items = await deps.reviews.list(command.workspace, { limit: command.limit });
  if (command.format === 'json') {
    deps.out.write(`${JSON.stringify(items, null, 2)}\n`);
    return EXIT_CODES.ok;
  }
  if (command.format === 'csv') {
    const header = ['id', 'status', 'platform', 'updated_at', 'name', 'components', 'opened_by', 'channel'];
    deps.out.write(toCsv(header, items.map((r) => [r.id, r.status, r.platform, r.updatedAt, r.name, r.components, r.openedBy, r.channel])));
    return EXIT_CODES.ok;
  }
  if (items.length === 0) {
    deps.out.write(`No design reviews in workspace "${command.workspace}". Start one in the chat: serverless-fit chat, then "review <system name>".\n`);
    return EXIT_CODES.ok;
  }
  const rows = items.map((r) => [r.id, r.status, r.platform, r.updatedAt.slice(0, 16).replace('T', ' '), `${r.name} (${r.components} component${r.components === 1 ? '' : 's'})`]);
  deps.out.write(`${textTable(['id', 'status', 'platform', 'updated (UTC)', 'review'], rows, Math.max(60, deps.columns ?? 80)).join('\n')}\n`);
  return EXIT_CODES.ok;
}

export function runReviewCommand(deps: ReviewCommandDeps, command: ReviewCliCommand): Promise<ExitCode> {
  return command.action === 'list' ? runReviewList(deps, command) : runReviewExport(deps, command);
}
