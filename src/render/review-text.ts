import type { ReviewChange, ReviewCard } from '../core/review/review-types.js';
import { cell, md } from './markdown-text.js';
import { outlineReview } from './review-sections.js';

// The review for the terminal (plain text) and for a design doc or pull
// request (Markdown, `review export <id>`).

export function renderReviewText(card: ReviewCard): string {
  const outline = outlineReview(card);
  const out = [outline.title, outline.headline];
  for (const s of outline.sections) out.push('', s.heading, ...s.lines.map((l) => `  * ${l.text}`));
  out.push('', outline.footer);
  return out.join('\n');
}

/** Markdown: headings, bullet lists, and the trail as a table. */
export function renderReviewMarkdown(card: ReviewCard, trail: readonly ReviewChange[]): string {
  const outline = outlineReview(card);
  const out = [`# ${md(outline.title)}`, '', md(outline.headline)];
  for (const s of outline.sections) out.push('', `## ${md(s.heading)}`, '', ...s.lines.map((l) => `- ${md(l.text)}`));
  if (trail.length > 0) {
    out.push('', '## History', '', '| When (UTC) | Who | What | Component | Detail |', '| --- | --- | --- | --- | --- |');
    for (const c of trail) out.push(`| ${c.at.slice(0, 16).replace('T', ' ')} | ${cell(c.actor)} | ${c.kind} | ${cell(c.component ?? '')} | ${cell(c.text)} |`);
  }
  out.push('', `_${md(outline.footer)}_`, '');
  return out.join('\n');
}
