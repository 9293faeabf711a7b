import type { Reply } from '../core/advisor-types.js';
import type { Card, QuestionCard } from '../core/card.js';

// The terminal renderer: plain text, with ANSI colour only when asked (a TTY).
// What can be typed or picked next is the chat's to say, not the card's.

export interface TextStyle {
  color: boolean;
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
  const out: string[] = [];
  out.push(paint(style, 'bold', card.title));
  out.push(paint(style, VERDICT_COLOR[card.verdict], `${VERDICT_MARK[card.verdict]} ${card.headline}`));
  if (card.changes.length) {
    out.push('', paint(style, 'bold', 'What changed'), ...card.changes.map((c) => `  * ${c}`));
  }
  out.push('', paint(style, 'bold', 'Why'), ...card.reasons.slice(0, 6).map((r) => `  ${POLARITY_MARK[r.polarity]} ${r.text}`));
  out.push('', paint(style, 'bold', 'Monthly cost'), ...costTable(card));
  if (card.breakEven) out.push(`  ${card.breakEven}`);
  out.push('', paint(style, 'bold', 'What I used'), ...card.fields.map((f) => `  ${f.label}: ${f.value}`));
  if (card.changeIf.length) out.push('', paint(style, 'bold', 'What would change the answer'), ...card.changeIf.map((c) => `  * ${c}`));
  out.push('', paint(style, 'dim', 'Assumptions:'), ...card.assumptions.map((a) => paint(style, 'dim', `  - ${a}`)));
  out.push(paint(style, card.pricingStale ? 'yellow' : 'dim', card.pricing));
  return out.join('\n');
}

function costTable(card: Card): string[] {
  const labelWidth = Math.min(48, Math.max(...card.costs.map((c) => c.label.length)));
  const monthlyWidth = Math.max(...card.costs.map((c) => c.monthly.length));
  return card.costs.map((c) => {
    const marks = [c.cheapest ? 'cheapest' : '', c.recommended ? 'recommended' : ''].filter(Boolean).join(', ');
    const label = c.label.length > labelWidth ? `${c.label.slice(0, labelWidth - 1)}…` : c.label.padEnd(labelWidth);
    const extra = [c.band ? `range ${c.band}` : '', marks ? `<- ${marks}` : '', c.note && !c.cheapest ? c.note : ''].filter(Boolean).join('  ');
    return `  ${label}  ${c.monthly.padStart(monthlyWidth)}  ${extra}`.trimEnd();
  });
}
