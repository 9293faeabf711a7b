import { ACTION_IDS } from './action-ids.js';
import type { Advisor, AdvisorInput, Reply } from './advisor-types.js';
import { isTooLong, notSetUp, tooLong } from './dispatch/answers.js';
import { createDispatch } from './dispatch/dispatch.js';
import { forgetUser } from './forget-user.js';
import { botTurn } from './reply-turn.js';
import { assess } from './assess.js';
import { buildCard, mathText, snapshotOf } from './build-card.js';
import { assessmentRecord } from './assessment-record.js';
import type { Conversation, ConversationKey, QuestionId } from './conversation.js';
import { describeFacts } from './describe-workload.js';
import { helpText, historyText } from './help-text.js';
import { applyWhatIf, parseActionWhatIf } from './apply-what-if.js';
import { answersQuestion } from './interview/answers-question.js';
import { nextQuestion, type InterviewContext } from './interview/next-question.js';
import { interviewContext } from './interview/trigger-leans.js';
import { figuresBeyondSense } from './figures-beyond-sense.js';
import { decodeAnswerValue, questionCard } from './interview/question-cards.js';
import { hasFacts, mergeFacts } from './merge-facts.js';
import { withStandingCommitment } from './standing-commitment.js';
import { parseAnswer, parseWhatIf, parseWorkload } from './parse/parse-workload.js';
import type { Clock, ConversationStore, IdGenerator, ReviewStore, WorkspaceSettingsStore } from './ports.js';
import { createReviewAdvisor } from './review/review-advisor.js';
import { templateOutsideReview } from './templates/template-offer.js';
import type { PricingCatalog } from './pricing/catalog-schema.js';
import { defaultFor } from './resolve-workload.js';
import type { WorkloadFacts } from './workload.js';
import type { Card } from './card.js';
import type { MeasureAnswer } from './metrics/measure-request.js';
import { measuredStart } from './metrics/measured-start.js';
import { MEASURE_IN_REVIEWS } from './dispatch/measure-command.js';

export interface AdvisorDeps {
  store: ConversationStore;
  catalog: PricingCatalog;
  clock: Clock;
  newId: IdGenerator;
  /** Design reviews; without a store, review commands answer that reviews are not set up. */
  reviews?: ReviewStore;
  /** Workspace settings (the default region); without them assessments that name no region use the catalog's. */
  settings?: WorkspaceSettingsStore;
}

const START_OVER = /^\s*(start over|restart|reset|start again)\s*[.!]?\s*$/i;
/** After this many unreadable answers in a row, offer to assume a stated default. */
const MISSES_BEFORE_DEFAULT_OFFER = 2;

/**
 * The one entry point into the core. Every user turn is saved before it is
 * processed, so a failure later in the handling never loses what was said.
 */
export function createAdvisor(deps: AdvisorDeps): Advisor {
  const { store, clock } = deps;
  // What the interview needs to know about a set of facts (whether the verdict leans on an
  // unnamed trigger costs two assessments). One turn asks it up to three times of the same
  // facts; facts are replaced, never changed in place, so the object identifies them.
  const contexts = new WeakMap<WorkloadFacts, InterviewContext>();
  const contextOf = (facts: WorkloadFacts): InterviewContext => {
    let context = contexts.get(facts);
    if (!context) contexts.set(facts, (context = interviewContext(facts, deps.catalog)));
    return context;
  };
  const now = () => clock.now().toISOString();
  /** The workspace's default region and standing commitment, read at each assessment so a change applies to the next one. */
  const assessIn = async (conversation: Conversation, chart?: boolean) => {
    const settings = await deps.settings?.get(conversation.key.platform, conversation.key.workspace);
    return assess(withStandingCommitment(conversation.facts, settings?.commitment), deps.catalog, { ...(chart === undefined ? {} : { chart }), defaultRegion: settings?.region ?? null });
  };

  async function saveUserTurn(conversation: Conversation, actor: string, kind: 'message' | 'answer' | 'action', text: string, payload: unknown = null): Promise<void> {
    await store.appendTurn(conversation.key.workspace, { conversationId: conversation.id, at: now(), role: 'user', kind, actor, text, payload });
  }

  /** Saves the conversation and the bot's turn together, then returns the reply. */
  async function commit(conversation: Conversation, reply: Reply): Promise<Reply> {
    conversation.updatedAt = now();
    await store.transaction(async () => {
      await store.save(conversation);
      const { kind, text, payload } = botTurn(reply);
      await store.appendTurn(conversation.key.workspace, { conversationId: conversation.id, at: conversation.updatedAt, role: 'bot', kind, actor: 'bot', text, payload });
    });
    return reply;
  }

  async function ask(conversation: Conversation, question: QuestionId, retry: { hint: string } | null): Promise<Reply> {
    conversation.pending = question;
    conversation.status = 'interviewing';
    const card = questionCard(question, conversation.facts, describeFacts(conversation.facts), retry, contextOf(conversation.facts));
    if (retry && conversation.misses >= MISSES_BEFORE_DEFAULT_OFFER && question !== 'description') {
      // Added after the listed choices, so each keeps its number.
      card.choices = [...card.choices, { id: ACTION_IDS.assumeDefault, label: 'Assume a typical value', value: question }];
    }
    return commit(conversation, { kind: 'question', conversationId: conversation.id, question: card });
  }

  /**
   * The result, unless the figures come to a price no real workload has: then
   * they are questioned. A what-if that does so is refused and `restore` kept.
   */
  async function finish(conversation: Conversation, reassessment: boolean, restore: Conversation['facts'] | null = null, mark: (card: Card) => Card = (card) => card): Promise<Reply> {
    const assessment = await assessIn(conversation);
    const doubt = figuresBeyondSense(assessment);
    if (doubt && restore) {
      conversation.facts = restore;
      return notice(conversation, 'warning', `${doubt} I kept the previous figures.`);
    }
    if (doubt) {
      const { traffic: _traffic, duration: _duration, connections: _connections, defaulted: _defaulted, ...rest } = conversation.facts;
      conversation.facts = rest;
      return ask(conversation, 'traffic', { hint: doubt });
    }
    const card = mark(buildCard(assessment, reassessment ? conversation.last : null, clock.now()));
    const snapshot = snapshotOf(assessment);
    conversation.status = 'complete';
    conversation.pending = null;
    conversation.misses = 0;
    conversation.last = snapshot;
    const reply: Reply = { kind: 'result', conversationId: conversation.id, card, assessment, reassessment };
    return store.transaction(async () => {
      const result = await commit(conversation, reply);
      await store.recordAssessment(assessmentRecord(deps.newId(), conversation, assessment, reassessment));
      return result;
    });
  }

  /** The next open question, or the result. `mustAsk`: the retry hint must be seen first (what the description could not give). */
  async function proceed(conversation: Conversation, retry: { hint: string } | null = null, mustAsk = false): Promise<Reply> {
    const next = nextQuestion(conversation.facts, contextOf(conversation.facts));
    if (next) return ask(conversation, next, retry);
    if (mustAsk && retry && !conversation.facts.constraintsAnswered) return ask(conversation, 'constraints', retry);
    return finish(conversation, conversation.last !== null);
  }

  async function start(input: AdvisorInput, text: string): Promise<Reply> {
    if (isTooLong(text)) return tooLong(text.length);
    return describe(await open(input, text), text);
  }

  /** An assessment of what was measured: no interview, the card marked with the period, as `assess --from` prints it. */
  async function startMeasured(input: AdvisorInput, text: string, answer: MeasureAnswer): Promise<Reply> {
    const measured = measuredStart(answer, deps.catalog);
    if (!measured.ok) return { kind: 'notice', conversationId: null, level: 'warning', text: measured.message };
    const conversation = await open(input, text);
    conversation.facts = measured.facts;
    return finish(conversation, false, null, measured.mark);
  }

  async function open(input: AdvisorInput, text: string): Promise<Conversation> {
    const conversation: Conversation = {
      id: deps.newId(),
      key: input.key,
      status: 'interviewing',
      facts: {},
      pending: null,
      misses: 0,
      last: null,
      anchor: null,
      createdAt: now(),
      updatedAt: now(),
    };
    await store.transaction(async () => {
      await store.create(conversation);
      await saveUserTurn(conversation, input.actor, 'message', text);
    });
    return conversation;
  }

  async function describe(conversation: Conversation, text: string): Promise<Reply> {
    const description = text.replace(/\s+/g, ' ').trim();
    if (!description) return ask(conversation, 'description', null);
    const parsed = parseWorkload(description);
    conversation.facts = { ...mergeFacts(conversation.facts, parsed.facts), description };
    conversation.misses = 0;
    // What could not be read ("-100 rps", "runs for hours") is said before anything is priced.
    return parsed.unread.length ? proceed(conversation, { hint: parsed.unread.join(' ') }, true) : proceed(conversation);
  }

  async function answer(conversation: Conversation, text: string, question: QuestionId | null): Promise<Reply> {
    if (START_OVER.test(text)) return startOver(conversation);
    const pending = conversation.pending;
    if (conversation.status === 'complete') return reassess(conversation, text);
    if (pending === 'description') return describe(conversation, text);
    const context = question ?? pending ?? 'traffic';
    const parsed = parseAnswer(context, text);
    const understood = answersQuestion(context, parsed);
    conversation.facts = mergeFacts(conversation.facts, parsed.facts);
    if (context === 'constraints' && understood) conversation.facts = { ...conversation.facts, constraintsAnswered: true };
    if (understood || hasFacts(parsed.facts)) {
      conversation.misses = 0;
      const stillPending = nextQuestion(conversation.facts, contextOf(conversation.facts));
      if (!understood && stillPending === pending && pending) {
        return ask(conversation, pending, { hint: `Noted (${describeFacts(parsed.facts).join('; ')}).` });
      }
      return proceed(conversation);
    }
    conversation.misses += 1;
    const unread = parsed.unread.length ? parsed.unread.join(' ') : `I could not read "${shorten(text)}" as an answer to that.`;
    return ask(conversation, pending ?? 'traffic', { hint: unread });
  }

  async function reassess(conversation: Conversation, text: string): Promise<Reply> {
    const whatIf = parseWhatIf(text);
    if (whatIf?.refused) return notice(conversation, 'warning', whatIf.refused);
    const before = conversation.facts;
    if (whatIf) {
      conversation.facts = applyWhatIf(conversation.facts, whatIf);
      return finish(conversation, true, before);
    }
    const parsed = parseWorkload(text);
    if (hasFacts(parsed.facts)) {
      conversation.facts = mergeFacts(conversation.facts, parsed.facts);
      return finish(conversation, true, before);
    }
    if (parsed.unread.length) return notice(conversation, 'warning', `${parsed.unread.join(' ')} Nothing changed.`);
    return commit(conversation, {
      kind: 'notice',
      conversationId: conversation.id,
      level: 'info',
      text: 'I did not catch a change in that. Try "what if traffic is 10x", "make it 2 GB" or "actually it takes 20 minutes"; "start over" begins again.',
    });
  }

  async function startOver(conversation: Conversation): Promise<Reply> {
    conversation.facts = {};
    conversation.last = null;
    conversation.misses = 0;
    return ask(conversation, 'description', null);
  }

  async function action(conversation: Conversation, actionId: string, value: string | undefined): Promise<Reply> {
    switch (actionId) {
      case ACTION_IDS.answer: {
        const decoded = decodeAnswerValue(value ?? '');
        return answer(conversation, decoded.text, decoded.question);
      }
      case ACTION_IDS.whatIf: {
        const whatIf = parseActionWhatIf(value ?? '', conversation.facts) ?? parseWhatIf(value ?? '');
        if (!whatIf || conversation.status !== 'complete') return notice(conversation, 'info', 'That what-if needs a finished assessment first.');
        if (whatIf.refused) return notice(conversation, 'warning', whatIf.refused);
        const before = conversation.facts;
        conversation.facts = applyWhatIf(conversation.facts, whatIf);
        return finish(conversation, true, before);
      }
      case ACTION_IDS.assumeDefault: {
        const field = value as QuestionId;
        if (field !== conversation.pending) return proceed(conversation);
        conversation.facts = field === 'constraints' ? { ...conversation.facts, constraintsAnswered: true } : { ...conversation.facts, ...defaultFor(field, conversation.facts) };
        conversation.misses = 0;
        return proceed(conversation);
      }
      case ACTION_IDS.startOver:
        return startOver(conversation);
      case ACTION_IDS.share:
      case ACTION_IDS.showMath: {
        if (conversation.status !== 'complete') return notice(conversation, 'info', 'There is no result to show yet: answer the question above first.');
        // The arithmetic needs no chart points; a shared card does.
        const assessment = await assessIn(conversation, actionId === ACTION_IDS.share);
        const card = buildCard(assessment, null, clock.now());
        if (actionId === ACTION_IDS.share) return { kind: 'result', conversationId: conversation.id, card, assessment, reassessment: false };
        return { kind: 'notice', conversationId: conversation.id, level: 'info', title: 'The arithmetic behind each cost', text: mathText(card) };
      }
      default:
        return notice(conversation, 'warning', 'That button is from an older version of this conversation; the latest question or result is further down the thread.');
    }
  }

  async function notice(conversation: Conversation, level: 'info' | 'warning' | 'error', text: string): Promise<Reply> {
    return commit(conversation, { kind: 'notice', conversationId: conversation.id, level, text });
  }

  async function find(key: ConversationKey): Promise<Conversation | null> {
    return store.findByThread({ platform: key.platform, workspace: key.workspace, channel: key.channel, thread: key.thread });
  }

  const review = deps.reviews ? createReviewAdvisor({ reviews: deps.reviews, catalog: deps.catalog, clock, newId: deps.newId, regionOf: async (platform, workspace) => (await deps.settings?.get(platform, workspace))?.region ?? null }) : null;

  /** A turn in a thread: the conversation's or the review's, or a command's private answer. */
  async function handle(input: AdvisorInput): Promise<Reply> {
    const { event, key } = input;
    if (event.kind === 'review-open' || event.kind === 'review-list' || event.kind === 'review-reopen') {
      return review ? await review.command(input) : notSetUp('reviews');
    }
    // A review thread's messages and buttons belong to the review, never to the single-workload flow.
    const inReview = await review?.inThread(input);
    if (inReview) return inReview;
    if (event.kind === 'template') return templateOutsideReview(event.file);
    if (event.kind === 'help') return { kind: 'notice', conversationId: null, level: 'info', ...helpText() };
    if (event.kind === 'history') {
      const items = await store.list(key.workspace, { channel: key.channel, platform: key.platform, limit: 10 });
      return { kind: 'notice', conversationId: null, level: 'info', ...historyText(items) };
    }
    if (event.kind === 'forget-me') return forgetUser(store, deps.reviews, input);
    if (event.kind === 'start') return event.measured ? startMeasured(input, event.text, event.measured) : start(input, event.text);
    if (event.kind === 'measured') return { kind: 'notice', conversationId: null, level: 'info', text: MEASURE_IN_REVIEWS };
    const conversation = await find(key);
    if (!conversation) {
      return { kind: 'notice', conversationId: null, level: 'info', text: 'There is no serverless-fit conversation here. Start one with /serverless-fit <what the workload does>.' };
    }
    if (event.kind === 'message') {
      if (isTooLong(event.text)) return tooLong(event.text.length, conversation.id);
      await saveUserTurn(conversation, input.actor, conversation.pending ? 'answer' : 'message', event.text);
      return answer(conversation, event.text, null);
    }
    await saveUserTurn(conversation, input.actor, 'action', event.value ?? event.actionId, { actionId: event.actionId, value: event.value ?? null });
    return action(conversation, event.actionId, event.value);
  }

  const dispatch = createDispatch({ handle, store, reviews: deps.reviews, settings: deps.settings, catalog: deps.catalog, clock });
  return {
    handle,
    command: dispatch.command,
    act: dispatch.act,
    owns: async (key) => (await store.findByThread(key)) !== null || ((await review?.owns(key)) ?? false),
  };
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= 60 ? t : `${t.slice(0, 59)}…`;
}
