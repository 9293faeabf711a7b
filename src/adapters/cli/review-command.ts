import { writeFileSync } from 'node:fs';
import type { ReviewStore } from '../../core/ports.js';
import { buildReviewCard } from '../../core/review/review-card.js';
import { renderReviewMarkdown } from '../../render/review-text.js';

// `serverless-fit review list [--workspace W]` and
// `serverless-fit review export <id> [--workspace W] [--out file.md]`: the
// reviews saved in the database, and one of them as Markdown for a design doc
// or a pull request. The workspace defaults to the terminal's own ("local").

export type ReviewCliCommand =
  | { action: 'list'; workspace: string }
  | { action: 'export'; workspace: string; id: string; out: string | null };

export type ReviewCliArgs = { ok: true; command: ReviewCliCommand } | { ok: false; error: string };

const USAGE = 'Usage: review list [--workspace W] | review export <id> [--workspace W] [--out review.md]';

export function parseReviewCliArgs(args: readonly string[]): ReviewCliArgs {
  const [action, ...rest] = args;
  if (action !== 'list' && action !== 'export') return { ok: false, error: `${action ? `Unknown review command "${action}". ` : ''}${USAGE}` };
  let workspace = 'local';
  let out: string | null = null;
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--workspace' || arg === '--out') {
      const value = rest[++i];
      if (!value || value.startsWith('--')) return { ok: false, error: `${arg} needs a value. ${USAGE}` };
      if (arg === '--workspace') workspace = value;
      else out = value;
    } else if (arg.startsWith('--')) return { ok: false, error: `Unknown option "${arg}". ${USAGE}` };
    else words.push(arg);
  }
  if (action === 'list') return words.length ? { ok: false, error: `review list takes no words (got: ${words.join(' ')}). ${USAGE}` } : { ok: true, command: { action, workspace } };
  const [id, ...extra] = words;
  if (!id || extra.length) return { ok: false, error: `review export needs one review id ("review list" shows them). ${USAGE}` };
  return { ok: true, command: { action, workspace, id: id.toLowerCase(), out } };
}

export interface ReviewCommandDeps {
  reviews: ReviewStore;
  out: NodeJS.WritableStream;
}

/** Writes the review as Markdown to `--out` or stdout; returns the exit code. */
export function runReviewExport(deps: ReviewCommandDeps, command: Extract<ReviewCliCommand, { action: 'export' }>): number {
  const review = deps.reviews.get(command.workspace, command.id);
  if (!review) {
    deps.out.write(`There is no review "${command.id}" in workspace "${command.workspace}". "review list${command.workspace === 'local' ? '' : ` --workspace ${command.workspace}`}" shows the reviews.\n`);
    return 1;
  }
  const trail = deps.reviews.changes(command.workspace, review.id);
  const last = trail.at(-1);
  const card = buildReviewCard(review, { changes: trail.length, lastActor: last?.actor ?? review.key.user, lastAt: last?.at ?? review.updatedAt });
  const markdown = renderReviewMarkdown(card, trail);
  if (command.out) {
    writeFileSync(command.out, markdown);
    deps.out.write(`Wrote the review "${review.name}" to ${command.out}\n`);
  } else deps.out.write(markdown);
  return 0;
}

export function runReviewList(deps: ReviewCommandDeps, command: Extract<ReviewCliCommand, { action: 'list' }>): number {
  const items = deps.reviews.list(command.workspace, { limit: 50 });
  if (items.length === 0) {
    deps.out.write(`No design reviews in workspace "${command.workspace}". Start one in the chat: npm start, then "review <system name>".\n`);
    return 0;
  }
  for (const r of items) {
    deps.out.write(`${r.id}  ${r.status.padEnd(6)}  ${r.platform.padEnd(7)}  ${r.updatedAt.slice(0, 16).replace('T', ' ')}  ${r.name} (${r.components} component${r.components === 1 ? '' : 's'})\n`);
  }
  return 0;
}

export function runReviewCommand(deps: ReviewCommandDeps, command: ReviewCliCommand): number {
  return command.action === 'list' ? runReviewList(deps, command) : runReviewExport(deps, command);
}
