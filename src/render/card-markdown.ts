import type { Card, CardReason } from '../core/card.js';
import { outlineCard, type CardSection } from './card-sections.js';
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

/** The card's sections (card-sections.ts) as Markdown, then the arithmetic and the assumptions a document keeps. */
export function renderCardMarkdown(card: Card, meta: CardMarkdownMeta): string {
  const outline = outlineCard(card);
  const out = [`# Serverless fit: ${md(outline.title)}`, '', `**${md(outline.headline)}**`];
  for (const section of outline.sections) out.push('', `## ${section.heading}`, '', ...sectionLines(section));
  if (card.math.length) {
    out.push('', '<details>', '<summary>The arithmetic behind each cost</summary>', '');
    for (const m of card.math) {
      const sizing = card.costs.find((c) => c.platform === m.platform)?.note;
      out.push(`**${md(m.label)}**`, '', ...(sizing ? [`- Sizing: ${md(sizing)}`] : []), ...m.lines.map((l) => `- ${md(l)}`), '');
    }
    out.push('</details>');
  }
  out.push('', '## Assumptions', '', ...card.assumptions.map((a) => `- ${md(a)}`));
  out.push('', `_${md(outline.pricing)}. Conversation ${md(meta.conversationId)}, ${md(meta.at.slice(0, 16).replace('T', ' '))} UTC._`, '');
  return out.join('\n');
}

function sectionLines(section: CardSection): string[] {
  if (section.id !== 'costs') {
    return section.lines.map((l) => (l.polarity ? `- **${POLARITY[l.polarity]}:** ${md(l.text)}` : `- ${md(l.text)}`));
  }
  const out = ['| Option | Monthly | Range | Notes |', '| --- | ---: | --- | --- |'];
  for (const { row } of section.lines) {
    if (!row) continue;
    const strong = (t: string) => (row.recommended ? `**${cell(t)}**` : cell(t));
    const notes = [row.marks, row.note].filter(Boolean).join('; ');
    out.push(`| ${strong(row.label)} | ${strong(row.monthly)} | ${cell(row.band.replace(/^range /, ''))} | ${cell(notes)} |`);
  }
  const after = section.lines.filter((l) => !l.row).map((l) => md(l.text));
  return after.length > 0 ? [...out, '', ...after] : out;
}
