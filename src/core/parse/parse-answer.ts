import type { QuestionId } from '../conversation.js';
import type { ParseResult } from './parse-result.js';
import { parseWorkload } from './parse-text.js';
import { quote } from './text.js';

// Answers to one of the interview questions. The question gives context:
// "none" answers the constraints question, "an hour" answers the duration
// question. A bare number is never guessed at: "200" could be 200 requests an
// hour or 200 ms, so the person is asked what it counts.

const NONE =
  /^(?:none|no|nope|nah|nil|nothing|nothing special|nothing really|nothing at all|none really|not really|n\/?a|no constraints?|no special (?:needs|constraints|requirements)|no requirements|stateless|no state|all good|-+)[.! ]*$/i;
const BARE_NUMBER = /^[~≈]?\s*(?:about |around )?\d[\d,.]{0,20}\s?(?:k|m|b|thousand|million|billion)?(?:\s?(?:-|to)\s?\d[\d,.]{0,20}\s?(?:k|m|b)?)?\s*$/i;
const DESCRIPTION_MAX = 500;


export function parseAnswer(question: QuestionId, text: string): ParseResult {
  const input = typeof text === 'string' ? text : '';
  const result = parseWorkload(input);
  const trimmed = input.trim();
  switch (question) {
    case 'description':
      return describe(result, trimmed);
    case 'traffic':
      return result.facts.traffic || result.facts.connections ? result : withMiss(result, trimmed, 'traffic');
    case 'duration': {
      if (result.facts.duration) return result;
      // "an hour", "2 days": the question already says what the figure measures.
      const retry = parseWorkload(`takes ${trimmed.slice(0, 200)}`);
      if (retry.facts.duration && !BARE_NUMBER.test(trimmed)) {
        const heard = retry.heard.find((h) => h.field === 'duration');
        return { ...result, facts: { ...result.facts, duration: retry.facts.duration }, heard: heard ? [...result.heard, heard] : result.heard };
      }
      return withMiss(result, trimmed, 'duration');
    }
    case 'constraints':
      return constraints(result, trimmed);
  }
}

function describe(result: ParseResult, trimmed: string): ParseResult {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = trimmed.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, DESCRIPTION_MAX);
  return clean ? { ...result, facts: { ...result.facts, description: clean } } : result;
}

function withMiss(result: ParseResult, trimmed: string, field: 'traffic' | 'duration'): ParseResult {
  // "200" or "2-3": say the figure back as typed.
  const figure = BARE_NUMBER.test(trimmed) ? quote(trimmed.replace(/^[~≈]\s*/, ''), 20) : undefined;
  const message = figure
    ? field === 'traffic'
      ? `${figure} what? e.g. "${figure} requests/hour", "${figure} a day" or "${figure} per second".`
      : `${figure} what? e.g. "${figure} ms", "${figure} seconds" or "${figure} minutes".`
    : field === 'traffic'
      ? `I could not find a rate in "${quote(trimmed)}".`
      : `I could not find how long one run takes in "${quote(trimmed)}".`;
  return { ...result, unread: [...result.unread, message] };
}

function constraints(result: ParseResult, trimmed: string): ParseResult {
  if (NONE.test(trimmed)) {
    return {
      facts: { ...result.facts, state: result.facts.state ?? [], constraintsAnswered: true },
      heard: [...result.heard.filter((h) => h.field !== 'state'), { field: 'constraintsAnswered', text: 'none: stateless, no latency target' }],
      unread: result.unread,
    };
  }
  // Anything understood counts as an answer ("it's a webhook" says there is nothing more to add).
  if (Object.keys(result.facts).length > 0) {
    return { ...result, facts: { ...result.facts, constraintsAnswered: true } };
  }
  const message = `I could not read a constraint in "${quote(trimmed)}".`;
  return { ...result, unread: [...result.unread, message] };
}
