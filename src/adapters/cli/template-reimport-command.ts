import { buildReviewCard } from '../../core/review/review-card.js';
import { importIntoReview } from '../../core/review/review-import.js';
import type { TemplateComponent, TemplateFormat } from '../../core/templates/template-types.js';
import { renderReviewText } from '../../render/review-text.js';
import type { Clock, ReviewStore } from '../../core/ports.js';
import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';

// `review import <file> --into <id>`: a changed template dropped into the
// review made from it, as a chat thread takes it: what was added, removed and
// changed is printed and written into the review's trail, and the traffic
// already answered for the components that remain is kept.

export interface ReimportDeps {
  catalog: PricingCatalog;
  reviews: ReviewStore;
  clock: Clock;
  user: string;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runReviewReimport(
  deps: ReimportDeps,
  options: { json: boolean; into: string },
  read: { file: string; format: TemplateFormat; components: TemplateComponent[] },
): Promise<number> {
  const id = options.into.trim().toLowerCase();
  const review = await deps.reviews.get('local', id);
  if (!review) return refuse(deps, options, `There is no review ${options.into} in this workspace; "review list" shows them.`);
  if (review.status === 'closed') return refuse(deps, options, `The review ${review.id} ("${review.name}") is closed; reopen it in its chat thread first.`);
  const now = deps.clock.now();
  const at = now.toISOString();
  const outcome = importIntoReview(review, read, { catalog: deps.catalog, now, actor: deps.user, change: (kind, component, text) => ({ reviewId: review.id, at, actor: deps.user, kind, component, text }) });
  if (!outcome.ok) return refuse(deps, options, outcome.message);
  const updated = { ...outcome.review, updatedAt: at };
  await deps.reviews.transaction(async () => {
    await deps.reviews.save(updated);
    for (const change of outcome.changes) await deps.reviews.appendChange('local', change);
  });
  const trail = await deps.reviews.changes('local', review.id);
  const card = buildReviewCard(updated, { changes: trail.length, lastActor: deps.user, lastAt: at });
  if (options.json) {
    const diff = outcome.diff ?? { added: updated.components.filter((c) => c.template).map((c) => c.name), removed: [], changed: [], unchanged: [] };
    deps.out.write(`${JSON.stringify({ review: review.id, name: review.name, format: read.format, notes: outcome.notes, added: diff.added, removed: diff.removed, changed: diff.changed, headline: card.headline, totals: card.totalLines }, null, 2)}\n`);
  } else {
    deps.out.write(`${outcome.notes.join('\n')}\n\n${renderReviewText(card)}\n`);
  }
  return 0;
}

function refuse(deps: ReimportDeps, options: { json: boolean }, message: string): number {
  if (options.json) deps.out.write(`${JSON.stringify({ status: 'error', message }, null, 2)}\n`);
  else deps.err.write(`${message}\n`);
  return 2;
}
