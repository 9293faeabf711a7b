import type { Reply } from '../core/advisor-types.js';
import type { Card, QuestionCard } from '../core/card.js';
import { costColumnWidths, costTableRow, outlineCard, type CardLine, type CardSection, type CostRowWords } from './card-sections.js';

// The terminal renderer: plain text, with ANSI colour only when asked (a TTY).
// What can be typed or picked next is the chat's to say, not the card's.

export interface TextStyle {
  color: boolean;
  /** Where the arithmetic is, when the card's own pointer (its Show the math button) cannot be pressed: a one-shot command. */
  moreHint?: string;
}

const CODES = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;
type Code = keyof typeof CODES;

function paint(style: TextStyle, code: Code, text: string): string {
  return style.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text;
}

const VERDICT_COLOR = { fit: 'green', marginal: 'yellow', avoid: 'red' } as const;
const VERDICT_MARK = { fit: '[FIT]', marginal: '[MARGINAL]', avoid: '[AVOID]' } as const;
const POLARITY_MARK = { pro: '+', con: '-', blocker: 'x' } as const;

export function renderReply(reply: Reply, style: TextStyle): string {
  switch (reply.kind) {
    case 'question':
      return renderQuestion(reply.question, style);
    case 'result':
      return renderCard(reply.card, style);
    case 'notice': {
      const color: Code = reply.level === 'error' ? 'red' : reply.level === 'warning' ? 'yellow' : 'cyan';
      const title = reply.title ? `${paint(style, 'bold', reply.title)}\n` : '';
      return `${title}${paint(style, color, reply.text)}`;
    }
  }
}

export function renderQuestion(q: QuestionCard, style: TextStyle): string {
  const lines: string[] = [];
  // What just happened leads; what is known sits under the question it belongs to (in a review, that component's).
  if (q.hint) lines.push(paint(style, 'yellow', q.hint));
  lines.push(paint(style, 'bold', q.text));
  if (q.heard.length) lines.push(paint(style, 'dim', `  so far: ${q.heard.join('; ')}`));
  if (q.choices.length) lines.push(`  choices: ${q.choices.map((c) => c.label).join(' | ')}`);
  lines.push(paint(style, 'dim', `  e.g. ${q.example}`));
  return lines.join('\n');
}

export function renderCard(card: Card, style: TextStyle): string {
  const outline = outlineCard(card);
  const out: string[] = [];
  out.push(paint(style, 'bold', outline.title));
  out.push(paint(style, VERDICT_COLOR[outline.verdict], `${VERDICT_MARK[outline.verdict]} ${outline.headline}`));
  for (const section of outline.sections) {
    out.push('', paint(style, 'bold', section.heading), ...section.lines.flatMap((line) => lineText(section, line).map((text) => `  ${text}`)));
  }
  if (outline.moreHint) out.push('', paint(style, 'dim', style.moreHint ?? outline.moreHint));
  out.push(paint(style, outline.pricingStale ? 'yellow' : 'dim', outline.pricing));
  return out.join('\n');
}

function lineText(section: CardSection, line: CardLine): string[] {
  if (line.row) return costTableRow(line.row, costColumnWidths(rowsOf(section)));
  if (line.polarity) return [`${POLARITY_MARK[line.polarity]} ${line.text}`];
  return [section.id === 'changes' || section.id === 'change-if' ? `* ${line.text}` : line.text];
}

function rowsOf(section: CardSection): CostRowWords[] {
  return section.lines.flatMap((l) => (l.row ? [l.row] : []));
}
