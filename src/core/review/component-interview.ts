import type { QuestionCard } from '../card.js';
import type { QuestionId } from '../conversation.js';
import { describeFacts } from '../describe-workload.js';
import { ACTION_IDS } from '../action-ids.js';
import { answersQuestion } from '../interview/answers-question.js';
import { nextQuestion } from '../interview/next-question.js';
import { questionCard } from '../interview/question-cards.js';
import { hasFacts, mergeFacts } from '../merge-facts.js';
import { parseAnswer, parseWorkload } from '../parse/parse-workload.js';
import { defaultFor } from '../resolve-workload.js';
import type { WorkloadFacts } from '../workload.js';
import { encodeComponentValue } from './review-actions.js';
import type { ReviewComponent } from './review-types.js';

// A component's interview is the single-workload interview as it is (same
// questions, same parser), asked about one component at a time, with the
// component's name on each question and its id on each quick reply.

/** The facts a new component starts from: what was said about it, its name as a fallback description. */
export function initialFacts(name: string, text: string): WorkloadFacts {
  const description = text.replace(/\s+/g, ' ').trim() || name;
  const parsed = parseWorkload(description).facts;
  // The name often says what triggers it ("stripe webhook", "nightly export") when the text does not.
  const fromName = parseWorkload(name).facts;
  const facts = mergeFacts(parsed, parsed.trigger || !fromName.trigger ? {} : { trigger: fromName.trigger });
  return { ...facts, description: `${name}: ${description}`.slice(0, 500) };
}

export type AnswerOutcome =
  | { kind: 'understood'; component: ReviewComponent }
  /** Nothing usable; `hint` says why and the same question is asked again. */
  | { kind: 'unread'; component: ReviewComponent; hint: string };

/** Applies an answer to the component's pending (or the named) question. */
export function answerComponent(component: ReviewComponent, text: string, question: QuestionId | null): AnswerOutcome {
  const context = question ?? component.pending ?? 'traffic';
  const parsed = parseAnswer(context, text);
  const understood = answersQuestion(context, parsed);
  let facts = mergeFacts(component.facts, parsed.facts);
  if (context === 'constraints' && understood) facts = { ...facts, constraintsAnswered: true };
  if (understood || hasFacts(parsed.facts)) {
    return { kind: 'understood', component: { ...component, facts, misses: 0, pending: nextQuestion(facts) } };
  }
  const hint = parsed.unread.length ? parsed.unread.join(' ') : `I could not read that as an answer for ${component.name}.`;
  return { kind: 'unread', component: { ...component, misses: component.misses + 1 }, hint };
}

/** "Assume a typical value" for the component's pending question. */
export function assumeDefault(component: ReviewComponent, question: QuestionId): ReviewComponent {
  if (question !== component.pending) return component;
  const facts = question === 'constraints' ? { ...component.facts, constraintsAnswered: true } : { ...component.facts, ...defaultFor(question, component.facts) };
  return { ...component, facts, misses: 0, pending: nextQuestion(facts) };
}

/** The component's pending question, named and with its id on every quick reply. */
export function componentQuestion(component: ReviewComponent, retry: { hint: string } | null, queue: number, notes: readonly string[] = []): QuestionCard | null {
  const question = component.pending;
  if (!question) return null;
  const asked = questionCard(question, component.facts, describeFacts(component.facts), retry);
  // What just happened (components added, one assessed) leads; a retry's own hint follows.
  const hint = [...notes, asked.hint ?? ''].filter(Boolean).join(' ') || null;
  const card = { ...asked, hint };
  const quick = card.choices.map((c) => ({ ...c, value: encodeComponentValue(component.id, c.value ?? '') }));
  // "Assume a typical value" is always offered in a review (five components' interviews add up, and a default is
  // printed as an assumption), from the first ask, so the listed choices keep their numbers; five fit as buttons.
  const choices =
    question === 'description' ? quick : [...quick.slice(0, 4), { id: ACTION_IDS.assumeDefault, label: 'Assume a typical value', value: encodeComponentValue(component.id, question) }];
  const after = queue > 0 ? ` (then ${queue} more component${queue === 1 ? '' : 's'} to ask about)` : '';
  return { ...card, id: question, text: `${component.name}: ${card.text}${after}`, choices };
}
