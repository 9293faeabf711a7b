import type { Card, CardReason } from '../core/card.js';
import { cell, md } from './markdown-text.js';

// One assessment as Markdown for a design doc or a pull request
// (`assess --markdown`, `export <id>`): the verdict, the reasons, the cost
// table and what would change the answer up front; the arithmetic folded
// away in a <details> block that GitHub and GitLab render.

export interface CardMarkdownMeta {
  /** The saved conversation, so a reader can find it again. */
  conversationId: string;
  /** When the result was produced (ISO time). */
  at: string;
}

const POLARITY: Record<CardReason['polarity'], string> = { pro: 'For', con: 'Against', blocker: 'Blocker' };

export function renderCardMarkdown(card: Card, meta: CardMarkdownMeta): string {
  const out = [`# Serverless fit: ${md(card.title)}`, '', `**${md(card.headline)}**`];
  if (card.changes.length) out.push('', '## What changed', '', ...card.changes.map((c) => `- ${md(c)}`));
  out.push('', '## Why', '', ...card.reasons.map((r) => `- **${POLARITY[r.polarity]}:** ${md(r.text)}`));
  out.push('', '## Monthly cost', '', '| Option | Monthly | Range | Notes |', '| --- | ---: | --- | --- |');
  for (const row of card.costs) {
    const marks = [row.recommended ? 'recommended' : '', row.cheapest ? 'cheapest' : ''].filter(Boolean).join(', ');
    const label = row.recommended ? `**${cell(row.label)}**` : cell(row.label);
    const monthly = row.recommended ? `**${cell(row.monthly)}**` : cell(row.monthly);
    const notes = [marks, row.note].filter(Boolean).join('; ');
    out.push(`| ${label} | ${monthly} | ${cell(row.band)} | ${cell(notes)} |`);
  }
  if (card.breakEven) out.push('', md(card.breakEven));
  out.push('', '## What I used', '', ...card.fields.map((f) => `- ${md(f.label)}: ${md(f.value)}`));
  if (card.changeIf.length) out.push('', '## What would change the answer', '', ...card.changeIf.map((c) => `- ${md(c)}`));
  if (card.math.length) {
    out.push('', '<details>', '<summary>The arithmetic behind each cost</summary>', '');
    for (const m of card.math) out.push(`**${md(m.label)}**`, '', ...m.lines.map((l) => `- ${md(l)}`), '');
    out.push('</details>');
  }
  out.push('', '## Assumptions', '', ...card.assumptions.map((a) => `- ${md(a)}`));
  out.push('', `_${md(card.pricing)}. Conversation ${md(meta.conversationId)}, ${md(meta.at.slice(0, 16).replace('T', ' '))} UTC._`, '');
  return out.join('\n');
}
