import type { Verdict } from '../core/assessment.js';
import type { ReviewCard, ReviewCardComponent } from '../core/review/review-types.js';
import { formatUsdRounded } from '../core/format.js';

// The summary card as an outline every renderer shares: sections of lines.
// Each component line carries the three figures the totals add up, so a
// reader can check the sums by hand on any platform.

export interface ReviewLine {
  text: string;
  /** Set on an assessed component's line, for a platform's verdict mark. */
  verdict: Verdict | null;
}

export interface ReviewSection {
  heading: string;
  lines: ReviewLine[];
  /** Lower is kept longer when a platform's limits force something out. */
  rank: number;
}

export interface ReviewOutline {
  title: string;
  headline: string;
  sections: ReviewSection[];
  footer: string;
}

const VERDICT_WORD: Record<Verdict, string> = { fit: 'fit', marginal: 'marginal', avoid: 'avoid' };

export function componentLine(c: ReviewCardComponent): string {
  if (c.verdict === null) return `${c.name}: ${c.platform}`;
  const figures = `serverless ${usd(c.figures.serverless)}, containers ${usd(c.figures.containers)}`;
  return `${c.name}: ${VERDICT_WORD[c.verdict]}, ${c.platform}, ${c.monthly}/month (${figures})`;
}

function usd(n: number | null): string {
  return n === null ? 'n/a' : formatUsdRounded(n);
}

export function outlineReview(card: ReviewCard): ReviewOutline {
  const row = (c: ReviewCardComponent): ReviewLine => ({ text: componentLine(c), verdict: c.verdict });
  const plain = (text: string): ReviewLine => ({ text, verdict: null });
  const sections: ReviewSection[] = [{ heading: 'Monthly cost', lines: card.totalLines.map(plain), rank: 0 }];
  sections.push(...card.layers.map((l) => ({ heading: l.title, lines: l.components.map(row), rank: 1 })));
  if (card.interviewing.length > 0) sections.push({ heading: 'Still in interview', lines: card.interviewing.map(row), rank: 2 });
  if (card.risks.length > 0) sections.push({ heading: 'Biggest risks', lines: card.risks.map(plain), rank: 1 });
  return { title: card.title, headline: card.headline, sections, footer: card.footer };
}
