import type { Advisor, AdvisorInput, CommandInput, CommandOutcome, Reply } from '../core/advisor-types.js';
import type { MeasureAnswer, MeasureRequest, MeasureSource } from '../core/metrics/measure-request.js';
import type { MetricsResult } from '../core/metrics/metric-types.js';
import type { RecordStep } from '../delivery/journal.js';
import type { Logger } from '../logger.js';

// Every chat platform asks the core through these two instead of calling
// `advisor.command` and `advisor.handle` itself: when the core answers "read
// these metrics first" (it does no I/O), the metrics are read here, once for
// all platforms, and handed back to the core, whose answer the platform then
// delivers as any other. Each decision and the reading are recorded with the
// delivery, so a replay after a crash gets the same answer without asking again.

export interface MeasureFirstDeps {
  advisor: Pick<Advisor, 'command' | 'handle'>;
  record: RecordStep;
  /** Runs before the metrics are read: a platform that must answer within seconds acknowledges here. */
  beforeReading?: () => Promise<void>;
  /** The metrics port; without it, a measurement is answered as not set up. */
  measure?: MeasureSource | undefined;
  logger: Logger;
}

/** What a platform delivers: every outcome but "measure", which is fulfilled here. */
export type ChatCommandOutcome = Exclude<CommandOutcome, { kind: 'measure' }>;

export interface MeasuredReply {
  reply: Reply;
  /** True when a measurement failed: tell only the person who asked, where the platform can. */
  privately: boolean;
}

export const MEASURING_NOT_SET_UP = 'Reading metrics is not set up in this bot. Ask whoever runs it to give it AWS credentials (see the README\'s CloudWatch section).';
export const MEASURING_FAILED = 'I could not read the metrics (the request to AWS failed unexpectedly). Please try again in a minute.';

/** `advisor.command`, with a measurement read and handed back when the command asks for one. */
export async function commandMeasured(input: CommandInput, deps: MeasureFirstDeps): Promise<ChatCommandOutcome> {
  const outcome = await deps.record('advice', () => deps.advisor.command(input));
  if (outcome.kind !== 'measure') return outcome;
  await deps.beforeReading?.();
  const answer = await readOnce(outcome.request, deps);
  const measured = await deps.record('advice', () => deps.advisor.command({ ...input, measured: answer }));
  if (measured.kind !== 'measure') return measured;
  deps.logger.error('the advisor asked to measure again after a measurement', { source: outcome.request.label });
  return { kind: 'private', reply: { kind: 'notice', conversationId: null, level: 'error', text: MEASURING_FAILED } };
}

/** `advisor.handle`, with a measurement read and handed back when the reply asks for one. */
export async function handleMeasured(input: AdvisorInput, deps: MeasureFirstDeps): Promise<MeasuredReply> {
  const reply = await deps.record('advice', () => deps.advisor.handle(input));
  if (reply.kind !== 'notice' || !reply.measure) return { reply, privately: false };
  const answer = await readOnce(reply.measure, deps);
  const measured = await deps.record('advice', () => deps.advisor.handle({ ...input, event: { kind: 'measured', answer } }));
  return { reply: measured, privately: measured.kind === 'notice' && measured.level === 'error' && !measured.review };
}

/** Reads the metrics; the first reading is recorded, and a replay answers from it. */
async function readOnce(request: MeasureRequest, deps: MeasureFirstDeps): Promise<MeasureAnswer> {
  const result = await read(request, deps);
  return { request, result: await deps.record('measurement', async () => result) };
}

async function read(request: MeasureRequest, deps: MeasureFirstDeps): Promise<MetricsResult> {
  if (!deps.measure) return { ok: false, failure: { code: 'no-credentials', message: MEASURING_NOT_SET_UP } };
  try {
    return await deps.measure(request);
  } catch (error) {
    // The port answers expected failures as values; anything thrown is ours to log, and the person hears one sentence.
    deps.logger.error('reading metrics failed', { error, source: request.label });
    return { ok: false, failure: { code: 'unreachable', message: MEASURING_FAILED } };
  }
}
