import { applyWhatIf } from '../apply-what-if.js';
import type { Reply } from '../advisor-types.js';
import type { QuestionId } from '../conversation.js';
import { formatUsdRounded } from '../format.js';
import { nextQuestion } from '../interview/next-question.js';
import { hasFacts, mergeFacts } from '../merge-facts.js';
import { parseWhatIf, parseWorkload } from '../parse/parse-workload.js';
import type { Clock } from '../ports.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { assessComponent } from './assess-component.js';
import { answerComponent, initialFacts } from './component-interview.js';
import { isDataStore } from './component-result.js';
import { cleanName, nameKey, type NewComponentText } from './parse-review-message.js';
import type { ReviewReplies } from './review-replies.js';
import { reviewWhatIf } from './review-what-if.js';
import type { NewReviewChange, Review, ReviewComponent } from './review-types.js';

// The components of a design review: adding and removing them, answering
// their questions, changing one once it is assessed, and what-ifs across
// them. Each change is committed with its trail entry.

export const MAX_COMPONENTS = 40;

export interface ComponentEditDeps {
  catalog: PricingCatalog;
  /** The default region of the review's workspace, for components whose words name none. */
  defaultRegion(review: Review): string | null;
  clock: Clock;
  change(review: Review, actor: string, kind: NewReviewChange['kind'], component: string | null, text: string): NewReviewChange;
  commit(review: Review, changes: NewReviewChange[]): Promise<void>;
  replies: ReviewReplies;
}

export function createComponentEdits(deps: ComponentEditDeps) {
  const { catalog, clock, change, commit } = deps;
  const { notice, respond } = deps.replies;
  const now = () => clock.now().toISOString();

  function assessIfReady(review: Review, component: ReviewComponent): ReviewComponent {
    if (component.kind !== 'workload' || component.pending) return component;
    return { ...component, last: assessComponent(component, catalog, clock.now(), deps.defaultRegion(review)) };
  }

  function outcome(c: ReviewComponent): string {
    if (c.kind === 'data') return `${c.name}: a data store, listed in the data layer`;
    if (!c.last) return c.name;
    const usd = c.last.recommendedUsd ?? c.last.containersUsd;
    return `${c.name}: ${c.last.verdict}, ${c.last.platform}${usd === null ? '' : ` (${formatUsdRounded(usd)}/month)`}`;
  }

  function findComponent(review: Review, name: string): ReviewComponent | null {
    const key = nameKey(name);
    const exact = review.components.find((c) => nameKey(c.name) === key);
    if (exact) return exact;
    const starts = review.components.filter((c) => nameKey(c.name).startsWith(key));
    return starts.length === 1 ? (starts[0] ?? null) : null;
  }

  function replace(review: Review, component: ReviewComponent): void {
    review.components = review.components.map((c) => (c.id === component.id ? component : c));
  }

  async function add(review: Review, actor: string, items: NewComponentText[], unread: string[]): Promise<Reply> {
    const notes: string[] = [];
    const changes: NewReviewChange[] = [];
    for (const item of items) {
      const name = cleanName(item.name);
      if (review.components.some((c) => nameKey(c.name) === nameKey(name))) {
        notes.push(`${name} is already in the review; say "${name} <what changed>" to change it.`);
        continue;
      }
      if (review.components.length >= MAX_COMPONENTS) {
        notes.push(`A review holds up to ${MAX_COMPONENTS} components; ${name} was not added.`);
        continue;
      }
      review.nextComponent += 1;
      const at = now();
      const kind = isDataStore(name) ? 'data' : 'workload';
      const facts = initialFacts(name, item.text);
      const component = assessIfReady(review, {
        id: `c${review.nextComponent}`,
        name,
        kind,
        facts,
        pending: kind === 'data' ? null : nextQuestion(facts),
        misses: 0,
        last: null,
        addedBy: actor,
        addedAt: at,
        updatedAt: at,
      });
      review.components.push(component);
      changes.push(change(review, actor, 'add', name, item.text || name));
      notes.push(`Added ${outcome(component)}.`);
    }
    if (unread.length) notes.push(`Not added (not "name: what it does"): ${unread.map((u) => `"${u.slice(0, 60)}"`).join(', ')}.`);
    if (changes.length) await commit(review, changes);
    return respond(review, notes, changes.length > 0);
  }

  async function remove(review: Review, actor: string, name: string): Promise<Reply> {
    const component = findComponent(review, name);
    if (!component) return notice(review, `There is no component called "${name}". Components: ${names(review) || 'none yet'}.`, { level: 'warning' });
    review.components = review.components.filter((c) => c.id !== component.id);
    await commit(review, [change(review, actor, 'remove', component.name, `removed ${component.name}`)]);
    return respond(review, [`Removed ${component.name}.`], true);
  }

  function names(review: Review): string {
    return review.components.map((c) => c.name).join(', ');
  }

  async function answer(review: Review, actor: string, component: ReviewComponent, text: string, question: QuestionId | null): Promise<Reply> {
    const result = answerComponent(component, text, question);
    if (result.kind === 'unread') {
      replace(review, result.component);
      await commit(review, []);
      return respond(review, [], false, { componentId: component.id, hint: result.hint });
    }
    const next = assessIfReady(review, { ...result.component, updatedAt: now() });
    replace(review, next);
    await commit(review, [change(review, actor, 'answer', component.name, text)]);
    return respond(review, next.last ? [`Assessed ${outcome(next)}.`] : [], next.last !== null);
  }

  /** Text about an assessed component: a correction ("takes 20 min now") or a scaling ("traffic doubles"). */
  async function changeComponent(review: Review, actor: string, component: ReviewComponent, text: string): Promise<Reply> {
    if (component.kind === 'data') return notice(review, `${component.name} is a data store: it is listed in the data layer and not assessed.`);
    if (component.pending) return answer(review, actor, component, text, null);
    const whatIf = parseWhatIf(text);
    const parsed = parseWorkload(text);
    const facts = whatIf ? applyWhatIf(component.facts, whatIf) : hasFacts(parsed.facts) ? mergeFacts(component.facts, parsed.facts) : null;
    if (!facts) {
      return notice(review, `I did not catch a change for ${component.name} in that. Try "${component.name} takes 20 min now", "${component.name} 9k/day" or "${component.name} needs 2 GB".`);
    }
    const before = component.last;
    const next = assessIfReady(review, { ...component, facts, pending: nextQuestion(facts), updatedAt: now() });
    replace(review, next);
    await commit(review, [change(review, actor, 'change', component.name, text)]);
    const moved = before && next.last ? ` (was ${before.verdict}, ${before.platform}${before.recommendedUsd === null ? '' : `, ${formatUsdRounded(before.recommendedUsd)}/month`})` : '';
    return respond(review, [`Changed ${outcome(next)}${moved}.`], true);
  }

  async function whatIf(review: Review, actor: string, componentName: string | null, text: string): Promise<Reply> {
    const component = componentName ? findComponent(review, componentName) : null;
    // The name's words must not be read as figures or traits of the what-if.
    const stripped = component ? text.replace(new RegExp(component.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), ' ') : text.replace(/\b(?:all|the whole system'?s?|everything'?s?|overall)\b/gi, ' ');
    const parsed = parseWhatIf(stripped);
    if (!parsed) return notice(review, 'I did not catch a what-if in that. Try "what if all traffic triples" or "what if image pipeline traffic doubles".');
    const result = reviewWhatIf(review, parsed, component?.id ?? null, catalog, clock.now(), deps.defaultRegion(review));
    await commit(review, [change(review, actor, 'what-if', component?.name ?? null, text)]);
    return notice(review, result.lines.join('\n'), { title: result.title });
  }

  return { assessIfReady, outcome, findComponent, replace, names, add, remove, answer, changeComponent, whatIf };
}
