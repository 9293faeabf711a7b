import type { CardAction, QuestionCard } from '../card.js';
import type { QuestionId } from '../conversation.js';
import type { WorkloadFacts } from '../workload.js';
import { ACTION_IDS } from '../action-ids.js';
import { unknownConstraints, type ConstraintTopic, type InterviewContext } from './next-question.js';

// The words of each question, its quick replies (future buttons) and an
// example of a free-text answer. Quick-reply values are plain text the parser
// reads, so a button and a typed answer take the same path.

/** A quick reply; the value names its question so a late press on an old question is read in context. */
const answer = (question: QuestionId, label: string, value = label): CardAction => ({
  id: ACTION_IDS.answer,
  label,
  value: encodeAnswerValue(question, value),
});

export function encodeAnswerValue(question: QuestionId, text: string): string {
  return `${question}:${text}`;
}

export function decodeAnswerValue(value: string): { question: QuestionId | null; text: string } {
  const match = /^(description|traffic|duration|constraints):(.*)$/s.exec(value);
  return match ? { question: match[1] as QuestionId, text: match[2] ?? '' } : { question: null, text: value };
}

interface QuestionText {
  text: string;
  example: string;
  choices: CardAction[];
  hint: string;
}

const FIXED: Record<Exclude<QuestionId, 'constraints'>, QuestionText> = {
  description: {
    text: 'What does the workload do?',
    example: 'resize images when they are uploaded to S3',
    choices: [],
    hint: 'A sentence is enough, e.g. "a webhook that syncs orders into our CRM".',
  },
  traffic: {
    text: 'How much traffic does it get? A rate, a monthly total, or busy hours all work.',
    example: '6-9am 10k/hour, 9am-5pm 2k/hour, 500/hour otherwise',
    choices: [
      answer('traffic', 'A few times a day', '5 a day'),
      answer('traffic', '~1,000 a day', '1000 a day'),
      answer('traffic', '~10k an hour', '10000 an hour'),
      answer('traffic', '100 req/s, 24/7', '100 rps 24/7'),
      answer('traffic', '1,000 req/s, 24/7', '1000 rps 24/7'),
    ],
    hint: 'Give a number with a time unit, e.g. "3,000 a day", "50 req/s", "2M a month" or "every 5 minutes".',
  },
  duration: {
    text: 'How long does one run take (typical, and worst case if it varies)?',
    example: '2-3 seconds',
    choices: [
      answer('duration', '~100 ms', '100 ms'),
      answer('duration', '~1 s', '1 s'),
      answer('duration', '~30 s', '30 s'),
      answer('duration', '~5 min', '5 min'),
      answer('duration', '~30 min', '30 min'),
      answer('duration', 'Hours', '2 hours'),
    ],
    hint: 'Give a time with a unit, e.g. "200 ms", "2-3 s", "20 to 30 minutes" or "about an hour".',
  },
};

const TOPIC_WORDS: Record<ConstraintTopic, string> = {
  state: 'keeps state (WebSockets, long-lived connections, an in-memory cache, a connection pool)',
  latency: 'has a latency target (e.g. p99 under 100 ms)',
  dependencies: 'ships big dependencies or a model (over 250 MB)',
  memory: 'needs a lot of memory',
  trigger: 'runs from a queue, a schedule or an upload rather than an HTTP request',
};

const TOPIC_CHOICES: Record<ConstraintTopic, CardAction[]> = {
  state: [answer('constraints', 'WebSockets / long-lived connections', 'websockets'), answer('constraints', 'In-memory cache', 'in-memory cache')],
  latency: [answer('constraints', 'p99 under 100 ms', 'p99 under 100 ms')],
  dependencies: [answer('constraints', 'Over 250 MB of dependencies', '500 MB of dependencies')],
  memory: [answer('constraints', 'Needs 4 GB+ memory', '4 GB of memory')],
  trigger: [answer('constraints', 'Triggered by a queue', 'reads from a queue'), answer('constraints', 'Runs on a schedule', 'scheduled job')],
};

/** Questions that lead the constraints question when they drive the answer. */
const DRIVING: Partial<Record<ConstraintTopic, { text: string; choices: CardAction[] }>> = {
  memory: {
    text: 'First, how much memory does one run need? It sets the price: Lambda\'s CPU grows with its memory (1,769 MB = one vCPU).',
    choices: [answer('constraints', '1 GB', '1 GB of memory'), answer('constraints', '2 GB', '2 GB of memory'), answer('constraints', '4 GB', '4 GB of memory')],
  },
  trigger: {
    text: 'What starts each run: an HTTP request, a queue message, a schedule or an upload? The verdict depends on it here.',
    choices: [answer('constraints', 'HTTP request', 'an HTTP API'), answer('constraints', 'Queue message', 'reads from a queue'), answer('constraints', 'Schedule', 'scheduled job')],
  },
};

function constraintsQuestion(facts: WorkloadFacts, context: InterviewContext): QuestionText {
  const topics = unknownConstraints(facts, context);
  const driving = topics.filter((t) => DRIVING[t] && (t !== 'memory' || topics[0] === 'memory') && (t !== 'trigger' || context.triggerLeans));
  const rest = topics.filter((t) => !driving.includes(t));
  const lead = driving.map((t) => DRIVING[t]?.text ?? '').join(' ');
  const list = rest.map((t) => TOPIC_WORDS[t]);
  const ask = list.length ? `${lead ? 'Also tell me' : 'Tell me'} if it ${list.join('; or ')}. Or say "none".` : 'Or say "none".';
  return {
    text: lead ? `Anything special? ${lead} ${ask}` : `Anything special? ${ask}`,
    example: driving.includes('memory') ? '2 GB of RAM, no state' : 'p99 under 50 ms, 1.5 GB of RAM, keeps a connection pool to Postgres',
    choices: [
      answer('constraints', 'None of these', 'none'),
      ...driving.flatMap((t) => DRIVING[t]?.choices ?? []),
      ...rest.flatMap((t) => TOPIC_CHOICES[t]),
    ].slice(0, 5),
    hint: 'Say "none", or name what applies, e.g. "WebSockets", "p99 under 50 ms", "300 MB of dependencies", "2 GB of memory".',
  };
}

const TRAFFIC_FOR_CONNECTIONS: QuestionText = {
  text: 'How many clients are connected at once, and how often does each send or get a message? (A request rate works too.)',
  example: '5,000 users online, each sends a message every 30 s',
  choices: [
    answer('traffic', '~500 connected', '500 concurrent users'),
    answer('traffic', '~5,000 connected', '5000 concurrent users'),
    answer('traffic', '~50,000 connected', '50000 concurrent users'),
  ],
  hint: 'Say how many are connected at once, e.g. "2k users online", or give a rate, e.g. "50 messages/s".',
};

function holdsConnections(facts: WorkloadFacts): boolean {
  return facts.trigger === 'websocket' || (facts.state ?? []).some((s) => s === 'websocket' || s === 'long-lived-connection');
}

/** The hint for a question asked again: the reason first, then the examples, once. */
function retryHint(reason: string, examples: string): string {
  return /\be\.g\.|\btry\b/.test(reason) ? reason : `${reason} ${examples}`.trim();
}

export function questionCard(id: QuestionId, facts: WorkloadFacts, heard: string[], retry: { hint: string } | null, context: InterviewContext = {}): QuestionCard {
  const q = id === 'constraints' ? constraintsQuestion(facts, context) : id === 'traffic' && holdsConnections(facts) ? TRAFFIC_FOR_CONNECTIONS : FIXED[id];
  return {
    id,
    text: q.text,
    heard,
    hint: retry ? retryHint(retry.hint, q.hint) : null,
    example: q.example,
    choices: q.choices,
  };
}
