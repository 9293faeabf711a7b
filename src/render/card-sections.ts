import type { Verdict } from '../core/assessment.js';
import type { Card, CardCostRow, CardReason } from '../core/card.js';

// What the result card says and in what order, once for every platform: the
// Slack, Discord and terminal renderers only choose markup for these sections.
// The card is what a reader needs in ten seconds; the arithmetic and the
// assumptions are one "Show the math" away (core/build-card.ts's mathText).

export type CardSectionId = 'changes' | 'fields' | 'costs' | 'reasons' | 'change-if';

/** A cost row in the card's words; renderers lay the parts out as a table or a sentence. */
export interface CostRowWords {
  label: string;
  /** "$30.37" or "n/a". */
  monthly: string;
  /** "range $25.00-$40.00", or '' when exact. */
  band: string;
  /** "cheapest, recommended", "cheapest", "recommended" or ''. */
  marks: string;
  /** The recommended row's sizing, or why a platform is n/a; '' otherwise (the rest is in the math). */
  note: string;
  recommended: boolean;
}

export interface CardLine {
  text: string;
  /** Set on the "What I used" lines: a platform may show them as label and value. */
  label: string | null;
  value: string | null;
  /** Set on a reason line, for the platform's mark. */
  polarity: CardReason['polarity'] | null;
  /** Set on a cost row; the plain `text` is then the row as one sentence. */
  row: CostRowWords | null;
}

export interface CardSection {
  id: CardSectionId;
  heading: string;
  lines: CardLine[];
  /** Lower is kept longer when a platform's limits force something out. */
  rank: number;
}

export interface CardOutline {
  title: string;
  verdict: Verdict;
  headline: string;
  sections: CardSection[];
  /** Catalog date and version. */
  pricing: string;
  pricingStale: boolean;
  /** Where the rest is: the math and the assumptions. */
  moreHint: string;
}

export const SECTION_HEADINGS: Record<CardSectionId, string> = {
  changes: 'What changed',
  fields: 'What I used',
  costs: 'Monthly cost',
  reasons: 'Why',
  'change-if': 'What would change the answer',
};

const MORE_HINT = 'The arithmetic behind each cost and every assumption: Show the math.';

/** One wording for the marks on every platform. */
export function costRowWords(row: CardCostRow): CostRowWords {
  const marks = [row.cheapest ? 'cheapest' : '', row.recommended ? 'recommended' : ''].filter(Boolean).join(', ');
  const unavailable = row.monthly === 'n/a';
  return {
    label: row.label,
    monthly: row.monthly,
    band: row.band ? `range ${row.band}` : '',
    marks,
    // The recommended row always says what it is sized as; an n/a row always says why.
    note: row.recommended || unavailable ? row.note : '',
    recommended: row.recommended,
  };
}

/** "$1.52/month, range $0.76-$3.04, cheapest, recommended, 1 x t3.medium": the row after its label. */
export function costRowDetails(words: CostRowWords): string {
  const amount = words.monthly === 'n/a' ? 'n/a' : `${words.monthly}/month`;
  return [amount, words.band, words.marks, words.note].filter(Boolean).join(', ');
}

/** "AWS Lambda (x86): $1.52/month, range $0.76-$3.04, cheapest, recommended". */
function costRowSentence(words: CostRowWords): string {
  return `${words.label}: ${costRowDetails(words)}`;
}

const plain = (text: string): CardLine => ({ text, label: null, value: null, polarity: null, row: null });

export function outlineCard(card: Card): CardOutline {
  const sections: CardSection[] = [];
  const add = (id: CardSectionId, lines: CardLine[], rank: number) => {
    if (lines.length > 0) sections.push({ id, heading: SECTION_HEADINGS[id], lines, rank });
  };
  add('changes', card.changes.map(plain), 0);
  add('fields', card.fields.map((f) => ({ ...plain(`${f.label}: ${f.value}`), label: f.label, value: f.value })), 2);
  const rows = card.costs.map((c) => {
    const words = costRowWords(c);
    return { ...plain(costRowSentence(words)), row: words };
  });
  add('costs', card.breakEven ? [...rows, plain(card.breakEven)] : rows, 0);
  add('reasons', card.reasons.map((r) => ({ ...plain(r.text), polarity: r.polarity })), 1);
  add('change-if', card.changeIf.map(plain), 2);
  return {
    title: card.title,
    verdict: card.verdict,
    headline: card.headline,
    sections,
    pricing: card.pricing,
    pricingStale: card.pricingStale,
    moreHint: card.math.length > 0 || card.assumptions.length > 0 ? MORE_HINT : '',
  };
}

/** Past this a label is cut in a monospace table ("AWS Lambda (x86) + API Gateway HTTP API" is 39). */
const MAX_TABLE_LABEL = 44;

/** The widths every monospace renderer pads the cost table to. */
export function costColumnWidths(rows: readonly CostRowWords[]): { label: number; monthly: number } {
  return {
    label: Math.min(MAX_TABLE_LABEL, Math.max(8, ...rows.map((r) => r.label.length))),
    monthly: Math.max(7, ...rows.map((r) => r.monthly.length)),
  };
}

/** Past this a row's note goes on a line of its own under the row, so the columns stay readable. */
const TABLE_WIDTH = 80;

/** A monospace row: label and amount in columns, then band and marks; the note beside it or, when long, under it. */
export function costTableRow(words: CostRowWords, widths: { label: number; monthly: number }): string[] {
  const label = words.label.length > widths.label ? `${words.label.slice(0, widths.label - 1)}…` : words.label.padEnd(widths.label);
  const tail = [words.band, words.marks ? `<- ${words.marks}` : ''].filter(Boolean).join('  ');
  const row = `${label}  ${words.monthly.padStart(widths.monthly)}  ${tail}`.trimEnd();
  if (!words.note) return [row];
  const beside = `${row}  ${words.note}`;
  return beside.length <= TABLE_WIDTH ? [beside] : [row, `    ${words.note}`];
}
