import type { Card } from '../card.js';
import { mergeFacts } from '../merge-facts.js';
import { parseWorkload } from '../parse/parse-workload.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { WorkloadFacts } from '../workload.js';
import type { MeasureAnswer } from './measure-request.js';
import { markMeasured, markMeasuredService } from './measured-card.js';
import { measuredService } from './measured-service.js';
import { measuredWorkload } from './measured-workload.js';

// A chat assessment that starts from a measurement instead of words: the
// facts the measurement gives (words, when typed after the source, add what
// metrics cannot know), and how its card is marked "measured over 14 days",
// exactly as `assess --from` prints it. Or the one sentence saying why not.

export type MeasuredStart = { ok: true; facts: WorkloadFacts; mark: (card: Card) => Card } | { ok: false; message: string };

export function measuredStart(answer: MeasureAnswer, catalog: PricingCatalog): MeasuredStart {
  const { request, result } = answer;
  if (!result.ok) return { ok: false, message: result.failure.message };
  const words = request.purpose.kind === 'assess' ? request.purpose.words : '';
  const said = words ? parseWorkload(words).facts : {};
  if (request.source.kind === 'ecs') {
    if (!said.traffic) return { ok: false, message: ecsNeedsTraffic(request.label) };
    const measured = measuredService(result.reading, catalog);
    if (!measured.ok) return { ok: false, message: measured.failure.message };
    return { ok: true, facts: { ...said, description: words }, mark: (card) => markMeasuredService(card, measured.measurement) };
  }
  const measured = measuredWorkload(result.reading);
  if (!measured.ok) return { ok: false, message: measured.failure.message };
  const description = `${measured.measurement.source} (measured)${words ? `: ${words}` : ''}`;
  return { ok: true, facts: { ...mergeFacts(said, measured.facts), description }, mark: (card) => markMeasured(card, measured.measurement) };
}

/** ECS's metrics hold tasks and how busy they are, never requests: the traffic has to come in words. */
export function ecsNeedsTraffic(label: string): string {
  return `${label}'s metrics hold its tasks and how busy they are, not its requests: add its traffic after the name, e.g. /serverless-fit assess from ${label} 40 requests a second at peak, 120 ms each, or measure its load balancer with from alb <load-balancer-name>.`;
}
