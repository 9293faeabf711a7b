import { ACTION_IDS } from '../action-ids.js';
import { isTooLong, tooLongText } from '../dispatch/answers.js';
import type { AdvisorInput, Reply } from '../advisor-types.js';
import type { ThreadKey } from '../conversation.js';
import { decodeAnswerValue } from '../interview/question-cards.js';
import type { Clock, IdGenerator, ReviewStore } from '../ports.js';
import type { PricingCatalog } from '../pricing/catalog-schema.js';
import { assumeDefault } from './component-interview.js';
import { createComponentEdits } from './component-edits.js';
import { createMeasureComponent } from './measure-component.js';
import { cleanName, parseReviewMessage, type ReviewCommand } from './parse-review-message.js';
import { decodeComponentValue, REVIEW_ACTIONS } from './review-actions.js';
import { createReviewReplies } from './review-replies.js';
import { reviewHelpText } from './review-help.js';
import { assumeRest, importIntoReview } from './review-import.js';
import type { TemplateReadResult } from '../templates/template-types.js';
import type { NewReviewChange, Review } from './review-types.js';

export interface ReviewAdvisorDeps {
  reviews: ReviewStore;
  catalog: PricingCatalog;
  clock: Clock;
  newId: IdGenerator;
  /** The workspace's default region (`settings region`), when it has one. */
  regionOf?: (platform: Review['key']['platform'], workspace: string) => Promise<string | null>;
}

export interface ReviewAdvisor {
  owns(key: ThreadKey): Promise<boolean>;
  /** The review-* events. */
  command(input: AdvisorInput): Promise<Reply>;
  /** A message or action in a review thread; null when the thread holds no review. */
  inThread(input: AdvisorInput): Promise<Reply | null>;
}

export { MAX_COMPONENTS } from './component-edits.js';
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

  async function newReviewId(workspace: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = deps.newId().replace(/[^a-z0-9]/gi, '').toLowerCase().slice(-ID_LENGTH);
      if (id && !(await reviews.get(workspace, id))) return id;
    }
    return deps.newId();
  }

  function change(review: Review, actor: string, kind: NewReviewChange['kind'], component: string | null, text: string): NewReviewChange {
    return { reviewId: review.id, at: now(), actor, kind, component, text: text.slice(0, 1000) };
  }

  /** Saves the review and its trail entries together. */
  async function commit(review: Review, changes: NewReviewChange[]): Promise<void> {
    review.updatedAt = now();
    await reviews.transaction(async () => {
      await reviews.save(review);
      for (const c of changes) await reviews.appendChange(review.key.workspace, c);
    });
  }

  // Each review loaded for a turn remembers its workspace's default region, so
  // every component assessed in that turn is priced there unless it names one.
  const workspaceRegions = new WeakMap<Review, string | null>();
  async function loaded<T extends Review | null>(review: T): Promise<T> {
    if (review && deps.regionOf) workspaceRegions.set(review, await deps.regionOf(review.key.platform, review.key.workspace));
    return review;
  }
  const defaultRegion = (review: Review): string | null => workspaceRegions.get(review) ?? null;

  const replies = createReviewReplies(reviews);
  const { notice, showCard, respond } = replies;
  const { assessIfReady, outcome, replace, names, add, remove, answer, changeComponent, whatIf, findComponent } = createComponentEdits({ catalog, defaultRegion, clock, change, commit, replies });

  const measure = createMeasureComponent({ now: () => clock.now(), findComponent, names, replace, assessIfReady, change, commit, notice, respond });

  async function historyOf(review: Review): Promise<Reply> {
    const trail = await reviews.changes(review.key.workspace, review.id);
    const lines = trail.map((c) => `${c.at.slice(0, 16).replace('T', ' ')}  ${c.actor}  ${c.kind}${c.component ? ` ${c.component}` : ''}: ${c.text}`);
    return notice(review, lines.join('\n') || 'No changes yet.', { title: `History of the review "${review.name}" (${trail.length})` });
  }

  async function setStatus(review: Review, actor: string, status: Review['status']): Promise<Reply> {
    if (review.status === status) return showCard(review, false);
    review.status = status;
    await commit(review, [change(review, actor, status === 'closed' ? 'close' : 'reopen', null, status === 'closed' ? 'closed the review' : 'reopened the review')]);
    return showCard(review, true);
  }

  async function run(review: Review, actor: string, command: ReviewCommand): Promise<Reply> {
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
      case 'assume-rest':
        return assumeForRest(review, actor);
      case 'remove':
        return remove(review, actor, command.name);
      case 'what-if':
        return whatIf(review, actor, command.component, command.text);
      case 'about': {
        const component = findComponent(review, command.component);
        return component ? await changeComponent(review, actor, component, command.text) : await notice(review, `There is no component called "${command.component}".`);
      }
      case 'answer': {
        const head = review.components.find((c) => c.kind === 'workload' && c.pending);
        if (head) return answer(review, actor, head, command.text, null);
        return notice(review, `Nothing is waiting for an answer. Add a component ("add <name>: <what it does>"), change one by starting with its name, or say "help".${review.components.length ? ` Components: ${names(review)}.` : ''}`);
      }
    }
  }

  /** A template file dropped into the thread: every component it defines, or (dropped again) what changed. */
  async function importFile(review: Review, actor: string, file: string, read: TemplateReadResult): Promise<Reply> {
    if (review.status === 'closed') return run(review, actor, { kind: 'answer', text: '' });
    if (!read.ok) return notice(review, `${read.error.message} Nothing was imported.`, { level: 'error' });
    const imported = importIntoReview(review, { file, format: read.format, components: read.components }, { catalog, defaultRegion: defaultRegion(review), now: clock.now(), actor, change: (kind, component, text) => change(review, actor, kind, component, text) });
    if (!imported.ok) return notice(review, imported.message, { level: 'error' });
    Object.assign(review, imported.review);
    await commit(review, imported.changes);
    return respond(review, imported.notes, true);
  }

  async function assumeForRest(review: Review, actor: string): Promise<Reply> {
    const open = review.components.filter((c) => c.kind === 'workload' && c.pending);
    if (open.length === 0) return run(review, actor, { kind: 'answer', text: '' });
    for (const component of open) replace(review, assumeRest(component, catalog, clock.now(), defaultRegion(review)));
    await commit(review, [change(review, actor, 'answer', null, `assume stated defaults for ${open.map((c) => c.name).join(', ')}`)]);
    return showCard(review, true, `Stated defaults assumed for ${open.length} component${open.length === 1 ? '' : 's'}; each card lists them as assumptions.`);
  }

  async function action(review: Review, actor: string, actionId: string, value: string | undefined): Promise<Reply> {
    switch (actionId) {
      case ACTION_IDS.answer:
      case ACTION_IDS.assumeDefault: {
        const decoded = decodeComponentValue(value ?? '');
        const component = decoded ? review.components.find((c) => c.id === decoded.componentId) : undefined;
        if (!decoded || !component) return notice(review, 'That button belongs to a component that is no longer in the review.', { level: 'warning' });
        if (review.status === 'closed') return run(review, actor, { kind: 'answer', text: '' });
        if (actionId === ACTION_IDS.assumeDefault) {
          if (component.pending !== decoded.value) return respond(review, [], false);
          const next = assessIfReady(review, { ...assumeDefault(component, component.pending), updatedAt: now() });
          replace(review, next);
          await commit(review, [change(review, actor, 'answer', component.name, `assume a typical ${decoded.value}`)]);
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
        return parsed.kind === 'add' ? await run(review, actor, parsed) : await notice(review, 'Give the component a name and what it does, e.g. "image pipeline: resize uploads, 2 s, 3k/day".');
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

  async function open(input: AdvisorInput, rawName: string): Promise<Reply> {
    const name = cleanName(rawName);
    if (!name) return notice(null, 'Name the system under review, e.g. /serverless-fit review checkout platform', { level: 'error' });
    const existing = await loaded(await reviews.findByThread(input.key));
    if (existing) return showCard(existing, false);
    // "review 3f9c2a1b" names a review by its id: reopen it rather than start one called that.
    const byId = await loaded(/^[a-z0-9]{4,40}$/i.test(name) ? await reviews.get(input.key.workspace, name.toLowerCase()) : null);
    if (byId && byId.key.platform === input.key.platform) return run(byId, input.actor, { kind: 'reopen' });
    const at = now();
    const review: Review = { id: await newReviewId(input.key.workspace), key: input.key, name, status: 'open', components: [], nextComponent: 0, anchor: null, createdAt: at, updatedAt: at };
    await reviews.transaction(async () => {
      await reviews.create(review);
      await reviews.appendChange(input.key.workspace, change(review, input.actor, 'open', null, `opened the review "${name}"`));
    });
    return showCard(review, true, 'Add components in this thread: "add image pipeline: resize uploads, 2 s, 3k/day", or paste a list, one per line.');
  }

  async function list(input: AdvisorInput): Promise<Reply> {
    const items = await reviews.list(input.key.workspace, { platform: input.key.platform, limit: 15 });
    if (items.length === 0) return notice(null, 'No design reviews yet. Open one with /serverless-fit review <system name>.', { title: 'Design reviews' });
    const lines = items.map((r) => `${r.id}  ${r.status.padEnd(6)}  ${r.name}  (${r.components} component${r.components === 1 ? '' : 's'}, updated ${r.updatedAt.slice(0, 16).replace('T', ' ')})`);
    return notice(null, `${lines.join('\n')}\nReopen one with /serverless-fit review <id>.`, { title: `Design reviews (${items.length})` });
  }

  async function reopen(input: AdvisorInput, id: string): Promise<Reply> {
    const review = await loaded(await reviews.get(input.key.workspace, id.trim().toLowerCase()));
    if (!review || review.key.platform !== input.key.platform) {
      return notice(null, `There is no review "${id}" here. /serverless-fit review list shows the reviews.`, { level: 'warning' });
    }
    return run(review, input.actor, { kind: 'reopen' });
  }

  return {
    owns: async (key) => (await reviews.findByThread(key)) !== null,
    async command(input) {
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
    async inThread(input) {
      const review = await loaded(await reviews.findByThread(input.key));
      if (!review) return null;
      const { event } = input;
      if (event.kind === 'message') {
        if (isTooLong(event.text)) return notice(review, tooLongText(event.text.length), { level: 'error' });
        return (await measure.request(review, event.text)) ?? run(review, input.actor, parseReviewMessage(event.text, review.components.map((c) => c.name)));
      }
      if (event.kind === 'measured') return measure.apply(review, input.actor, event.answer);
      if (event.kind === 'action') return action(review, input.actor, event.actionId, event.value);
      if (event.kind === 'template') return importFile(review, input.actor, event.file, event.read);
      return null;
    },
  };
}
