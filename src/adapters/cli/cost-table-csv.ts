import type { Assessment } from '../../core/assessment.js';
import type { Card } from '../../core/card.js';
import { toCsv } from './csv.js';

// `assess --csv`: the card's monthly cost table for a spreadsheet, one row
// per platform, in dollars as numbers (list price before any free tier, as in
// the JSON), with the free tier and the sizing beside it.

const HEADER = ['platform', 'label', 'kind', 'available', 'monthly_usd', 'low_usd', 'high_usd', 'free_tier_usd', 'recommended', 'cheapest', 'note'];

export function costTableCsv(assessment: Assessment, card: Card): string {
  const rows = assessment.cost.costs.map((c) => {
    const row = card.costs.find((r) => r.platform === c.platform);
    const freeTier = c.freeTier.reduce((sum, line) => sum + line.amountUsd, 0);
    return [
      c.platform,
      c.label,
      c.kind,
      c.available,
      cents(c.monthlyUsd),
      cents(c.range?.low ?? null),
      cents(c.range?.high ?? null),
      c.available ? cents(freeTier) : null,
      row?.recommended ?? false,
      row?.cheapest ?? false,
      c.available ? (c.sizing ?? '') : (c.unavailableReason ?? ''),
    ];
  });
  return toCsv(HEADER, rows);
}

function cents(usd: number | null): number | null {
  return usd === null ? null : Math.round(usd * 100) / 100;
}
