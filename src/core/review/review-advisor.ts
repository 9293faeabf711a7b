import { MAX_DESCRIPTION_CHARS } from '../../../commands/serverless-fit.js';
import { ACTION_IDS } from '../action-ids.js';
import type { AdvisorInput, Reply, ReviewAttachment } from '../advisor-types.js';
import type { QuestionCard } from '../card.js';
import { applyWhatIf } from '../apply-what-if.js';
import type { ThreadKey } from '../conversation.js';
import { formatUsdRounded } from '../format.js';
import { nextQuestion } from '../interview/next-question.js';
import { decodeAnswerValue } from '../interview/question-cards.js';
import { hasFacts, mergeFacts } from '../merge-facts.js';
import { parseWhatIf, parseWorkload } from '../parse/parse-workload.js';
import type { Clock, IdGenerator, ReviewStore } from '../ports.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import type { QuestionId } from '../conversation.js';
import { assessComponent } from './assess-component.js';
import { answerComponent, assumeDefault, componentQuestion, initialFacts } from './component-interview.js';
import { isDataStore } from './component-result.js';
import { cleanName, nameKey, parseReviewMessage, type NewComponentText, type ReviewCommand } from './parse-review-message.js';
import { decodeComponentValue, REVIEW_ACTIONS } from './review-actions.js';
import { buildReviewCard } from './review-card.js';
import { reviewHelpText } from './review-help.js';
import { reviewWhatIf } from './review-what-if.js';
import type { NewReviewChange, Review, ReviewComponent } from './review-types.js';

export interface ReviewAdvisorDeps {
  reviews: ReviewStore;
  catalog: PricingCatalog;
  clock: Clock;
  newId: IdGenerator;
}

export interface ReviewAdvisor {
  owns(key: ThreadKey): boolean;
  /** The review-* events. */
  command(input: AdvisorInput): Reply;
  /** A message or action in a review thread; null when the thread holds no review. */
  inThread(input: AdvisorInput): Reply | null;
}

export const MAX_COMPONENTS = 40;
const ID_LENGTH = 8;

/**
 * Design reviews in a thread. Each change is saved, with who made it and
 * when, in the same transaction as the review itself.
 *
 * Which component an answer goes to: a quick reply carries its component's
 * id. A typed message that starts with a component's name goes to that
 * component. Any other answer goes to the first component, in adding order,
 * that still has an open question: the one whose question is the latest in
 * the thread, because the bot asks about one component at a time.
 */
export function createReviewAdvisor(deps: ReviewAdvisorDeps): ReviewAdvisor {
  const { reviews, catalog, clock } = deps;
  const now = () => clock.now().toISOString();

  function newReviewId(workspace: string): string {
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = deps.newId().replace(/[^a-z0-9]/gi, '').toLowerCase().slice(-ID_LENGTH);
      if (id && !reviews.get(workspace, id)) return id;
    }
    return deps.newId();
  }

  function change(review: Review, actor: string, kind: NewReviewChange['kind'], component: string | null, text: string): NewReviewChange {
    return { reviewId: review.id, at: now(), actor, kind, component, text: text.slice(0, 1000) };
  }

  function attachment(review: Review, updated: boolean, show: boolean): ReviewAttachment {
    const trail = reviews.changes(review.key.workspace, review.id);
    const last = trail.at(-1);
    const card = buildReviewCard(review, { changes: trail.length, lastActor: last?.actor ?? review.key.user, lastAt: last?.at ?? review.updatedAt });
    const { platform, workspace, channel, thread } = review.key;
    return { reviewId: review.id, thread: { platform, workspace, channel, thread }, anchor: review.anchor, card, updated, show };
  }

  /** Saves the review and its trail entries together. */
  function commit(review: Review, changes: NewReviewChange[]): void {
    review.updatedAt = now();
    reviews.transaction(() => {
      reviews.save(review);
      for (const c of changes) reviews.appendChange(review.key.workspace, c);
    });
  }

  function notice(review: Review | null, text: string, options: { title?: string; level?: 'info' | 'warning' | 'error'; updated?: boolean; show?: boolean } = {}): Reply {
    return {
      kind: 'notice',
      conversationId: review?.id ?? null,
      level: options.level ?? 'info',
      ...(options.title ? { title: options.title } : {}),
      text,
      ...(review ? { review: attachment(review, options.updated ?? false, options.show ?? false) } : {}),
    };
  }

  function showCard(review: Review, updated: boolean, footnote?: string): Reply {
    const pending = review.status === 'open' ? openQuestion(review) : null;
    const a = { ...attachment(review, updated, true), ...(pending ? { pending } : {}) };
    const text = [...(footnote ? [footnote] : []), a.card.headline, ...a.card.totalLines, ...(a.card.risks.length ? ['Biggest risks:', ...a.card.risks.map((r) => `- ${r}`)] : [])].join('\n');
    return { kind: 'notice', conversationId: review.id, level: 'info', title: a.card.title, text, review: a };
  }

  /** The question the review waits on: the first component, in adding order, with one open. */
  function openQuestion(review: Review): QuestionCard | null {
    const open = review.components.filter((c) => c.kind === 'workload' && c.pending);
    return open[0] ? componentQuestion(open[0], null, open.length - 1) : null;
  }

  /** The next question in the review, or `notes` as a notice when none is open. */
  function respond(review: Review, notes: string[], updated: boolean, retry: { componentId: string; hint: string } | null = null): Reply {
    const open = review.components.filter((c) => c.kind === 'workload' && c.pending);
    const head = (retry && open.find((c) => c.id === retry.componentId)) || open[0];
    if (head) {
      const question = componentQuestion(head, retry && retry.componentId === head.id ? { hint: retry.hint } : null, open.length - 1, notes);
      if (question) return { kind: 'question', conversationId: review.id, question, review: attachment(review, updated, false) };
    }
    return notice(review, notes.join('\n') || 'Done.', { updated });
  }

  function assessIfReady(component: ReviewComponent): ReviewComponent {
    if (component.kind !== 'workload' || component.pending) return component;
    return { ...component, last: assessComponent(component, catalog, clock.now()) };
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

  function add(review: Review, actor: string, items: NewComponentText[], unread: string[]): Reply {
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
      const component = assessIfReady({
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
    if (changes.length) commit(review, changes);
    return respond(review, notes, changes.length > 0);
  }

  function remove(review: Review, actor: string, name: string): Reply {
    const component = findComponent(review, name);
    if (!component) return notice(review, `There is no component called "${name}". Components: ${names(review) || 'none yet'}.`, { level: 'warning' });
    review.components = review.components.filter((c) => c.id !== component.id);
    commit(review, [change(review, actor, 'remove', component.name, `removed ${component.name}`)]);
    return respond(review, [`Removed ${component.name}.`], true);
  }

  function names(review: Review): string {
    return review.components.map((c) => c.name).join(', ');
  }

  function answer(review: Review, actor: string, component: ReviewComponent, text: string, question: QuestionId | null): Reply {
    const result = answerComponent(component, text, question);
    if (result.kind === 'unread') {
      replace(review, result.component);
      commit(review, []);
      return respond(review, [], false, { componentId: component.id, hint: result.hint });
    }
    const next = assessIfReady({ ...result.component, updatedAt: now() });
    replace(review, next);
    commit(review, [change(review, actor, 'answer', component.name, text)]);
    return respond(review, next.last ? [`Assessed ${outcome(next)}.`] : [], next.last !== null);
  }

  /** Text about an assessed component: a correction ("takes 20 min now") or a scaling ("traffic doubles"). */
  function changeComponent(review: Review, actor: string, component: ReviewComponent, text: string): Reply {
    if (component.kind === 'data') return notice(review, `${component.name} is a data store: it is listed in the data layer and not assessed.`);
    if (component.pending) return answer(review, actor, component, text, null);
    const whatIf = parseWhatIf(text);
    const parsed = parseWorkload(text);
    const facts = whatIf ? applyWhatIf(component.facts, whatIf) : hasFacts(parsed.facts) ? mergeFacts(component.facts, parsed.facts) : null;
    if (!facts) {
      return notice(review, `I did not catch a change for ${component.name} in that. Try "${component.name} takes 20 min now", "${component.name} 9k/day" or "${component.name} needs 2 GB".`);
    }
    const before = component.last;
    const next = assessIfReady({ ...component, facts, pending: nextQuestion(facts), updatedAt: now() });
    replace(review, next);
    commit(review, [change(review, actor, 'change', component.name, text)]);
    const moved = before && next.last ? ` (was ${before.verdict}, ${before.platform}${before.recommendedUsd === null ? '' : `, ${formatUsdRounded(before.recommendedUsd)}/month`})` : '';
    return respond(review, [`Changed ${outcome(next)}${moved}.`], true);
  }

  function whatIf(review: Review, actor: string, componentName: string | null, text: string): Reply {
    const component = componentName ? findComponent(review, componentName) : null;
    // The name's words must not be read as figures or traits of the what-if.
    const stripped = component ? text.replace(new RegExp(component.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), ' ') : text.replace(/\b(?:all|the whole system'?s?|everything'?s?|overall)\b/gi, ' ');
    const parsed = parseWhatIf(stripped);
    if (!parsed) return notice(review, 'I did not catch a what-if in that. Try "what if all traffic triples" or "what if image pipeline traffic doubles".');
    const result = reviewWhatIf(review, parsed, component?.id ?? null, catalog, clock.now());
    commit(review, [change(review, actor, 'what-if', component?.name ?? null, text)]);
    return notice(review, result.lines.join('\n'), { title: result.title });
  }

  function historyOf(review: Review): Reply {
    const trail = reviews.changes(review.key.workspace, review.id);
    const lines = trail.map((c) => `${c.at.slice(0, 16).replace('T', ' ')}  ${c.actor}  ${c.kind}${c.component ? ` ${c.component}` : ''}: ${c.text}`);
    return notice(review, lines.join('\n') || 'No changes yet.', { title: `History of the review "${review.name}" (${trail.length})` });
  }

  function setStatus(review: Review, actor: string, status: Review['status']): Reply {
    if (review.status === status) return showCard(review, false);
    review.status = status;
    commit(review, [change(review, actor, status === 'closed' ? 'close' : 'reopen', null, status === 'closed' ? 'closed the review' : 'reopened the review')]);
    return showCard(review, true);
  }

  function run(review: Review, actor: string, command: ReviewCommand): Reply {
    if (review.status === 'closed' && !['summary', 'history', 'help', 'reopen'].includes(command.kind)) {
      return notice(review, `This review is closed. Say "reopen" here (or /serverless-fit review ${review.id}) to change it again; "history" shows the trail.`);
    }
    switch (command.kind) {
      case 'summary':
        return showCard(review, false);
      case 'close':
        return setStatus(review, actor, 'closed');
      case 'reopen':
        return setStatus(review, actor, 'open');
      case 'history':
        return historyOf(review);
      case 'help':
        return notice(review, reviewHelpText().text, { title: reviewHelpText().title });
      case 'add':
        return add(review, actor, command.components, command.unread);
      case 'remove':
        return remove(review, actor, command.name);
      case 'what-if':
        return whatIf(review, actor, command.component, command.text);
      case 'about': {
        const component = findComponent(review, command.component);
        return component ? changeComponent(review, actor, component, command.text) : notice(review, `There is no component called "${command.component}".`);
      }
      case 'answer': {
        const head = review.components.find((c) => c.kind === 'workload' && c.pending);
        if (head) return answer(review, actor, head, command.text, null);
        return notice(review, `Nothing is waiting for an answer. Add a component ("add <name>: <what it does>"), change one by starting with its name, or say "help".${review.components.length ? ` Components: ${names(review)}.` : ''}`);
      }
    }
  }

  function action(review: Review, actor: string, actionId: string, value: string | undefined): Reply {
    switch (actionId) {
      case ACTION_IDS.answer:
      case ACTION_IDS.assumeDefault: {
        const decoded = decodeComponentValue(value ?? '');
        const component = decoded ? review.components.find((c) => c.id === decoded.componentId) : undefined;
        if (!decoded || !component) return notice(review, 'That button belongs to a component that is no longer in the review.', { level: 'warning' });
        if (review.status === 'closed') return run(review, actor, { kind: 'answer', text: '' });
        if (actionId === ACTION_IDS.assumeDefault) {
          if (component.pending !== decoded.value) return respond(review, [], false);
          const next = assessIfReady({ ...assumeDefault(component, component.pending), updatedAt: now() });
          replace(review, next);
          commit(review, [change(review, actor, 'answer', component.name, `assume a typical ${decoded.value}`)]);
          return respond(review, next.last ? [`Assessed ${outcome(next)}.`] : [], next.last !== null);
        }
        const answerValue = decodeAnswerValue(decoded.value);
        if (!component.pending || (answerValue.question && answerValue.question !== component.pending)) {
          return respond(review, [`That question about ${component.name} was already answered.`], false);
        }
        return answer(review, actor, component, answerValue.text, answerValue.question);
      }
      case REVIEW_ACTIONS.add: {
        if (!value?.trim()) return notice(review, 'Type "add <name>: <what it does>" in this thread, or paste a list with one component per line.');
        const parsed = parseReviewMessage(value.includes('\n') ? value : `add ${value}`, []);
        return parsed.kind === 'add' ? run(review, actor, parsed) : notice(review, 'Give the component a name and what it does, e.g. "image pipeline: resize uploads, 2 s, 3k/day".');
      }
      case REVIEW_ACTIONS.close:
        return run(review, actor, { kind: 'close' });
      case REVIEW_ACTIONS.reopen:
        return run(review, actor, { kind: 'reopen' });
      case REVIEW_ACTIONS.summary:
        return run(review, actor, { kind: 'summary' });
      default:
        return notice(review, 'That button is from an older version of this review; the latest card is at the top of the thread.', { level: 'warning' });
    }
  }

  function open(input: AdvisorInput, rawName: string): Reply {
    const name = cleanName(rawName);
    if (!name) return notice(null, 'Name the system under review, e.g. /serverless-fit review checkout platform', { level: 'error' });
    const existing = reviews.findByThread(input.key);
    if (existing) return showCard(existing, false);
    // "review 3f9c2a1b" names a review by its id: reopen it rather than start one called that.
    const byId = /^[a-z0-9]{4,40}$/i.test(name) ? reviews.get(input.key.workspace, name.toLowerCase()) : null;
    if (byId && byId.key.platform === input.key.platform) return run(byId, input.actor, { kind: 'reopen' });
    const at = now();
    const review: Review = { id: newReviewId(input.key.workspace), key: input.key, name, status: 'open', components: [], nextComponent: 0, anchor: null, createdAt: at, updatedAt: at };
    reviews.transaction(() => {
      reviews.create(review);
      reviews.appendChange(input.key.workspace, change(review, input.actor, 'open', null, `opened the review "${name}"`));
    });
    return showCard(review, true, 'Add components in this thread: "add image pipeline: resize uploads, 2 s, 3k/day", or paste a list, one per line.');
  }

  function list(input: AdvisorInput): Reply {
    const items = reviews.list(input.key.workspace, { platform: input.key.platform, limit: 15 });
    if (items.length === 0) return notice(null, 'No design reviews yet. Open one with /serverless-fit review <system name>.', { title: 'Design reviews' });
    const lines = items.map((r) => `${r.id}  ${r.status.padEnd(6)}  ${r.name}  (${r.components} component${r.components === 1 ? '' : 's'}, updated ${r.updatedAt.slice(0, 16).replace('T', ' ')})`);
    return notice(null, `${lines.join('\n')}\nReopen one with /serverless-fit review <id>.`, { title: `Design reviews (${items.length})` });
  }

  function reopen(input: AdvisorInput, id: string): Reply {
    const review = reviews.get(input.key.workspace, id.trim().toLowerCase());
    if (!review || review.key.platform !== input.key.platform) {
      return notice(null, `There is no review "${id}" here. /serverless-fit review list shows the reviews.`, { level: 'warning' });
    }
    return run(review, input.actor, { kind: 'reopen' });
  }

  return {
    owns: (key) => reviews.findByThread(key) !== null,
    command(input) {
      switch (input.event.kind) {
        case 'review-open':
          return open(input, input.event.name);
        case 'review-list':
          return list(input);
        case 'review-reopen':
          return reopen(input, input.event.id);
        default:
          return notice(null, 'That is not a review command.', { level: 'error' });
      }
    },
    inThread(input) {
      const review = reviews.findByThread(input.key);
      if (!review) return null;
      const { event } = input;
      if (event.kind === 'message') {
        if (event.text.length > MAX_DESCRIPTION_CHARS) return notice(review, `That message is ${event.text.length.toLocaleString('en-US')} characters; I read up to ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')}.`, { level: 'error' });
        return run(review, input.actor, parseReviewMessage(event.text, review.components.map((c) => c.name)));
      }
      if (event.kind === 'action') return action(review, input.actor, event.actionId, event.value);
      return null;
    },
  };
}
