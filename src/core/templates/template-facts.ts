import type { QuestionId } from '../conversation.js';
import { openQuestions } from '../interview/next-question.js';
import { defaultFor } from '../resolve-workload.js';
import type { WorkloadFacts } from '../workload.js';
import type { TemplateComponent, TemplateTrigger } from './template-types.js';

// A template component's facts as the interview sees them, and "assume
// defaults for the rest" applied to them: each open question takes its stated
// default, except that an assumed duration never passes the function's own
// timeout (the template says runs end there).

export function questionsFor(component: TemplateComponent): QuestionId[] {
  return openQuestions(component.facts);
}

export function withAssumedDefaults(component: TemplateComponent): WorkloadFacts {
  return assumeDefaults(component.facts, component.limits.timeoutS);
}

/** Every open question at its stated default; an assumed duration capped at `timeoutS`, where one is stated. */
export function assumeDefaults(stated: WorkloadFacts, timeoutS: number | undefined): WorkloadFacts {
  let facts = stated;
  for (const question of openQuestions(facts)) {
    if (question === 'constraints') facts = { ...facts, constraintsAnswered: true };
    else facts = { ...facts, ...defaultFor(question, facts) };
  }
  const timeoutMs = timeoutS !== undefined ? timeoutS * 1000 : null;
  if (facts.duration && timeoutMs !== null && facts.defaulted?.includes('duration') && facts.duration.worstMs > timeoutMs) {
    facts = { ...facts, duration: { typicalMs: timeoutMs, worstMs: timeoutMs } };
  }
  return facts;
}

/** What the template stated, as flat fields for JSON and for a person: memoryMb, timeoutS, runtime ... */
export function factsRead(component: TemplateComponent): Record<string, string | number | boolean> {
  const { facts, limits } = component;
  const read: Record<string, string | number | boolean> = {};
  if (facts.trigger) read.trigger = facts.trigger;
  if (facts.memoryMb !== undefined) read.memoryMb = facts.memoryMb;
  if (facts.architecture) read.architecture = facts.architecture;
  if (facts.region) read.region = facts.region;
  if (facts.traffic) read.traffic = facts.traffic.echo;
  for (const [key, value] of Object.entries(limits)) if (value !== undefined) read[key] = value;
  return read;
}

const TRIGGER_WORDS: Record<TemplateTrigger['kind'], string> = {
  http: 'HTTP',
  webhook: 'webhook',
  websocket: 'WebSocket',
  queue: 'queue',
  stream: 'stream',
  schedule: 'schedule',
  'storage-event': 'event',
};

/** "4 functions (2 HTTP, 1 queue, 1 schedule) and 1 container service; 3 need traffic". */
export function importSummary(components: readonly TemplateComponent[]): string {
  const functions = components.filter((c) => c.kind === 'function');
  const services = components.length - functions.length;
  const byTrigger = new Map<string, number>();
  for (const f of functions) {
    const word = f.facts.trigger ? TRIGGER_WORDS[f.facts.trigger] : 'no trigger';
    byTrigger.set(word, (byTrigger.get(word) ?? 0) + 1);
  }
  const kinds = [...byTrigger]
    .sort((a, b) => b[1] - a[1])
    .map(([word, n]) => `${n} ${word}${n > 1 && word !== 'HTTP' && word !== 'no trigger' ? 's' : ''}`).join(', ');
  const parts = [
    ...(functions.length ? [`${plural(functions.length, 'function')}${kinds ? ` (${kinds})` : ''}`] : []),
    ...(services ? [plural(services, 'container service')] : []),
  ];
  const needTraffic = components.filter((c) => !c.facts.traffic).length;
  return `${parts.join(' and ')}; ${needTraffic === 0 ? 'traffic known for all' : `${needTraffic} need${needTraffic === 1 ? 's' : ''} traffic`}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
