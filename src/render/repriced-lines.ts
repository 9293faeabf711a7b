import { formatUsdRounded } from '../core/format.js';
import type { RepricedDecision } from '../core/reprice/reprice-history.js';

// What a new price list changes about one past decision, in the words the
// terminal's report and the digest both use: only the parts that change, each
// as "before -> after".

export function describeRepriced(repriced: RepricedDecision): string {
  const { decision, now, changes } = repriced;
  const parts: string[] = [];
  if (changes.includes('verdict')) parts.push(`${decision.verdict} -> ${now.verdict}`);
  if (changes.includes('platform')) parts.push(`${decision.recommended} -> ${now.recommended}`);
  if (changes.includes('cost')) parts.push(`${monthly(decision.recommendedMonthlyUsd)} -> ${monthly(now.recommendedMonthlyUsd)}`);
  return parts.join(' · ');
}

function monthly(usd: number | null): string {
  return usd === null ? 'no price' : `${formatUsdRounded(usd)}/month`;
}
