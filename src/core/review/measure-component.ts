import type { Reply } from '../advisor-types.js';
import { sourceLabel } from '../dispatch/measure-command.js';
import { formatCountScaled, formatDuration, formatUsdRounded } from '../format.js';
import { nextQuestion } from '../interview/next-question.js';
import type { MeasureAnswer, MeasureRequest } from '../metrics/measure-request.js';
import { measuredWorkload } from '../metrics/measured-workload.js';
import { DEFAULT_MEASURE_DAYS, measureWindow } from '../metrics/metric-queries.js';
import { MEASURE_USAGE, readMeasureWords } from '../metrics/read-measure-words.js';
import { monthlyRequests } from '../traffic.js';
import type { WorkloadFacts } from '../workload.js';
import type { NoticeOptions } from './review-replies.js';
import type { NewReviewChange, Review, ReviewComponent } from './review-types.js';

// "measure image pipeline from lambda resize-images" in a design review: the
// component's guessed traffic (and duration and memory, where the metrics
// have them) replaced by what was measured, in two steps. First the request
// (what to read, for the front end to read), then, given the reading, the
// change saved with its trail entry and what it moved: traffic and cost,
// before and after. A failed reading changes nothing.

export interface MeasureComponentDeps {
  now: () => Date;
  findComponent(review: Review, name: string): ReviewComponent | null;
  names(review: Review): string;
  replace(review: Review, component: ReviewComponent): void;
  assessIfReady(review: Review, component: ReviewComponent): ReviewComponent;
  change(review: Review, actor: string, kind: NewReviewChange['kind'], component: string | null, text: string): NewReviewChange;
  commit(review: Review, changes: NewReviewChange[]): Promise<void>;
  notice(review: Review | null, text: string, options?: NoticeOptions): Promise<Reply>;
  respond(review: Review, notes: string[], updated: boolean): Promise<Reply>;
}

/** "measure <component> from <source words>"; the component may be missing ("measure from lambda x"). */
const MEASURE = /^\s*measure\b\s*(.*?)\s*(?:\bfrom\b\s*(.*))?$/is;

export function createMeasureComponent(deps: MeasureComponentDeps) {
  /** The request for a "measure ..." message, or what is wrong with it; null when the message is not one. */
  async function request(review: Review, text: string): Promise<Reply | null> {
    const said = MEASURE.exec(text.replace(/\s+/g, ' '));
    if (!said) return null;
    const name = (said[1] ?? '').trim();
    const words = said[2];
    const components = review.components.length ? ` Components: ${deps.names(review)}.` : ' The review has no components yet: add one first ("add image pipeline: resize uploads").';
    const usage = `measure <component> ${MEASURE_USAGE.lambda}`;
    if (review.status === 'closed') return deps.notice(review, 'This review is closed. Say "reopen" here to change it again.');
    if (!name) return deps.notice(review, `Say which component to measure: ${usage}.${components}`, { level: 'warning' });
    const component = deps.findComponent(review, name);
    if (!component) return deps.notice(review, `There is no component called "${name.slice(0, 60)}".${components}`, { level: 'warning' });
    if (words === undefined) return deps.notice(review, `Say where ${component.name} runs: measure ${component.name} ${MEASURE_USAGE.lambda} (or apigw, alb, sqs).`, { level: 'warning' });
    if (component.kind === 'data') return deps.notice(review, `${component.name} is a data store: it is listed in the data layer and not assessed, so there is no traffic to measure.`);
    const read = readMeasureWords(words);
    if (!read.ok) return deps.notice(review, read.error, { level: 'warning' });
    const label = sourceLabel(read.source);
    if (read.source.kind === 'ecs') {
      return deps.notice(review, `${label}'s metrics hold its tasks, not its requests: measure ${component.name} from the load balancer or API in front of it (from alb <load-balancer-name>, from apigw <api-id> <stage>).`, { level: 'warning' });
    }
    const measure: MeasureRequest = {
      source: read.source,
      region: read.region,
      window: measureWindow(deps.now(), DEFAULT_MEASURE_DAYS),
      label,
      purpose: { kind: 'component', reviewId: review.id, componentId: component.id, componentName: component.name },
    };
    return { kind: 'notice', conversationId: review.id, level: 'info', text: `Reading ${label} for ${component.name}...`, measure };
  }

  /** The reading applied: the component's traffic replaced and reassessed, or the one sentence why not (nothing saved). */
  async function apply(review: Review, actor: string, answer: MeasureAnswer): Promise<Reply> {
    const { request, result } = answer;
    const purpose = request.purpose;
    const component = purpose.kind === 'component' && purpose.reviewId === review.id ? review.components.find((c) => c.id === purpose.componentId) : undefined;
    if (!component) return deps.notice(review, 'The component that was measured is no longer in the review; nothing changed.', { level: 'warning' });
    if (!result.ok) return failed(review, result.failure.message);
    const measured = measuredWorkload(result.reading);
    if (!measured.ok) return failed(review, measured.failure.message);

    const m = measured.measurement;
    const { defaulted: _defaulted, ...kept } = component.facts;
    const facts: WorkloadFacts = { ...kept, ...measured.facts, trigger: component.facts.trigger ?? measured.facts.trigger };
    if (!facts.trigger) delete facts.trigger;
    const before = component.last;
    const next = deps.assessIfReady(review, { ...component, facts, pending: nextQuestion(facts), updatedAt: deps.now().toISOString() });
    deps.replace(review, next);
    await deps.commit(review, [deps.change(review, actor, 'change', component.name, `measured from ${request.label} in ${m.region}: ${facts.traffic?.echo ?? ''}`)]);

    const lines = [`Measured ${component.name} from ${request.label} in ${m.region}, ${m.note}.`];
    lines.push(`Traffic was ${trafficText(component.facts)}; now ${trafficText(facts)}.`);
    if (measured.facts.duration) lines.push(`Duration was ${durationText(component.facts)}; now ${durationText(facts)}.`);
    const cost = (c: ReviewComponent) => (c.last ? `${formatUsdRounded(c.last.recommendedUsd ?? c.last.containersUsd ?? 0)}/month (${c.last.verdict}, ${c.last.platform})` : 'not assessed yet');
    lines.push(`Cost was ${before ? cost(component) : 'not assessed yet'}; now ${cost(next)}.`);
    return deps.respond(review, lines, true);
  }

  function failed(review: Review, message: string): Reply {
    return { kind: 'notice', conversationId: review.id, level: 'error', text: `${message} Nothing in the review changed.` };
  }

  return { request, apply };
}

function trafficText(facts: WorkloadFacts): string {
  if (!facts.traffic) return 'not given';
  return `${formatCountScaled(monthlyRequests(facts.traffic.hourly))} requests/month (${facts.traffic.echo})`;
}

function durationText(facts: WorkloadFacts): string {
  if (!facts.duration) return 'not given';
  return `${formatDuration(facts.duration.typicalMs)} typical, ${formatDuration(facts.duration.worstMs)} worst`;
}
