import { formatUsdRounded } from '../format.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { WhatIf } from '../parse/parse-workload.js';
import { hypothetical } from './assess-component.js';
import { totalsOf } from './review-card.js';
import type { Review } from './review-types.js';

// A what-if on a review is a question, not a change: it shows how the plan
// and its totals would move, and leaves every component as it is. Changing a
// component is done by saying so ("image pipeline takes 20 min now").

export function reviewWhatIf(review: Review, whatIf: WhatIf, componentId: string | null, catalog: PricingCatalog, today: Date, defaultRegion: string | null = null): { title: string; lines: string[] } {
  const scope = componentId ? review.components.find((c) => c.id === componentId)?.name ?? 'that component' : 'the whole system';
  const after = review.components.map((c) => (componentId === null || c.id === componentId ? hypothetical(c, whatIf, catalog, today, defaultRegion) : c));
  const before = totalsOf(review.components);
  const then = totalsOf(after);
  const lines: string[] = [];
  review.components.forEach((c, i) => {
    const a = c.last;
    const b = after[i]?.last;
    if (!a || !b || c === after[i]) return;
    const moved = a.verdict !== b.verdict || a.platform !== b.platform;
    const usd = (n: number | null) => (n === null ? 'n/a' : formatUsdRounded(n));
    const from = a.recommendedUsd ?? a.containersUsd;
    const to = b.recommendedUsd ?? b.containersUsd;
    lines.push(`${c.name}: ${moved ? `${a.verdict} on ${a.platform} -> ${b.verdict} on ${b.platform}` : `still ${b.verdict} on ${b.platform}`}, ${usd(from)} -> ${usd(to)}/month`);
  });
  if (lines.length === 0) lines.push('No assessed component is affected yet.');
  lines.push(
    '',
    `Recommended plan: ${formatUsdRounded(before.recommendedUsd)} -> ${formatUsdRounded(then.recommendedUsd)}/month`,
    `All serverless: ${formatUsdRounded(before.serverlessUsd)} -> ${formatUsdRounded(then.serverlessUsd)}/month`,
    `All containers: ${formatUsdRounded(before.containersUsd)} -> ${formatUsdRounded(then.containersUsd)}/month`,
    'Nothing was changed; to make it so, tell me the new figure (e.g. "image pipeline 9k/day").',
  );
  return { title: `What if ${whatIf.summary || 'that'} (${scope})`, lines };
}
