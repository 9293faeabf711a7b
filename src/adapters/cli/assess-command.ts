import { ACTION_IDS } from '../../core/action-ids.js';
import type { Advisor, Reply } from '../../core/advisor-types.js';
import { assessmentJson } from '../../core/assessment-json.js';
import type { ConversationKey, QuestionId } from '../../core/conversation.js';
import type { CostChart } from '../../core/cost/cost-types.js';
import { openQuestions } from '../../core/interview/next-question.js';
import { questionCard } from '../../core/interview/question-cards.js';
import { interviewContext } from '../../core/interview/trigger-leans.js';
import type { ConversationStore } from '../../core/ports.js';
import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';
import { renderCardMarkdown } from '../../render/card-markdown.js';
import { renderReply } from '../../render/text.js';
import { wrap } from '../../render/wrap-text.js';
import type { AssessOptions } from './build-command.js';
import { costTableCsv } from './cost-table-csv.js';
import { toCsv } from './csv.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { shortId } from './find-conversation.js';
import { writeOutput, type WriteOutcome } from './write-output.js';
import { ONE_SHOT_MATH_HINT } from './one-shot-hint.js';

// `serverless-fit assess`: one assessment, printed the way it was asked for
// (text, JSON, Markdown or CSV). The result is printed before anything can go
// wrong with the chart, and a chart that cannot be written costs one line on
// stderr, never the result.

export interface AssessDeps {
  advisor: Advisor;
  store: ConversationStore;
  catalog: PricingCatalog;
  renderChart: (chart: CostChart) => Promise<Buffer>;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  color: boolean;
  user: string;
  newId: () => string;
  now: () => Date;
  columns: number;
}

type Question = { id: string; text: string; example: string; choices: string[] };

export async function runAssess(deps: AssessDeps, options: AssessOptions): Promise<ExitCode> {
  const key: ConversationKey = { platform: 'cli', workspace: 'local', channel: 'one-shot', thread: `assess-${deps.newId()}`, user: deps.user };
  let reply: Reply = await deps.advisor.handle({ key, event: { kind: 'start', text: options.text }, actor: deps.user });
  // With --assume-defaults every open question takes its stated default; bounded so a bug cannot loop forever.
  for (let i = 0; options.assumeDefaults && reply.kind === 'question' && i < 8; i++) {
    reply = await deps.advisor.handle({ key, event: { kind: 'action', actionId: ACTION_IDS.assumeDefault, value: reply.question.id }, actor: deps.user });
  }
  if (reply.kind === 'notice') {
    if (options.format === 'json') deps.out.write(`${JSON.stringify({ status: 'error', message: reply.text }, null, 2)}\n`);
    else deps.err.write(`${reply.text}\n`);
    return reply.level === 'error' ? EXIT_CODES.usage : EXIT_CODES.failed;
  }

  const chart = options.chartPath ? await writeChart(deps, reply, options.chartPath) : null;
  if (reply.kind === 'result') printResult(deps, options, reply);
  else printQuestions(deps, options, reply.conversationId, reply.question.heard, await questionsOf(deps, key, reply.question.id), reply.question.hint ?? undefined);

  if (options.chartPath && chart) {
    const report = options.format === 'text' ? deps.out : deps.err;
    if (chart.ok) report.write(`Chart written to ${options.chartPath}\n`);
    else deps.err.write(`Chart not written to ${options.chartPath}: ${chart.reason}.${reply.kind === 'result' ? ' The assessment above is complete.' : ''}\n`);
  }
  if (reply.kind === 'question') return EXIT_CODES.needsInput;
  return chart && !chart.ok ? EXIT_CODES.failed : EXIT_CODES.ok;
}

async function writeChart(deps: AssessDeps, reply: Reply, path: string): Promise<WriteOutcome> {
  if (reply.kind !== 'result' || !reply.card.chart) return { ok: false, reason: 'the assessment is not complete yet, so there is nothing to draw' };
  let png: Buffer;
  try {
    png = await deps.renderChart(reply.card.chart);
  } catch (error) {
    return { ok: false, reason: `drawing it failed (${error instanceof Error ? error.message : String(error)})` };
  }
  return writeOutput(path, png);
}

function printResult(deps: AssessDeps, options: AssessOptions, reply: Extract<Reply, { kind: 'result' }>): void {
  switch (options.format) {
    case 'json':
      deps.out.write(`${JSON.stringify({ ...assessmentJson(reply.assessment), conversationId: reply.conversationId }, null, 2)}\n`);
      return;
    case 'markdown':
      deps.out.write(renderCardMarkdown(reply.card, { conversationId: reply.conversationId, at: deps.now().toISOString() }));
      return;
    case 'csv':
      deps.out.write(costTableCsv(reply.assessment, reply.card));
      return;
    case 'text':
      // A command's output ends with the result: the buttons are the chat's business.
      deps.out.write(`${renderReply({ ...reply, card: { ...reply.card, actions: [] } }, { color: deps.color, moreHint: ONE_SHOT_MATH_HINT })}\n`);
  }
}

async function questionsOf(deps: AssessDeps, key: ConversationKey, asked: string): Promise<Question[]> {
  const facts = (await deps.store.findByThread(key))?.facts ?? {};
  const context = interviewContext(facts, deps.catalog);
  const open = openQuestions(facts, context);
  // A question asked only to show what could not be read is still the one to answer.
  return (open.length ? open : [asked as QuestionId]).map((id) => {
    const q = questionCard(id, facts, [], null, context);
    return { id, text: q.text, example: q.example, choices: q.choices.map((c) => c.label) };
  });
}

function printQuestions(deps: AssessDeps, options: AssessOptions, conversationId: string, heard: string[], questions: Question[], hint?: string): void {
  switch (options.format) {
    case 'json':
      deps.out.write(`${JSON.stringify({ status: 'needs_input', heard, ...(hint ? { hint } : {}), questions, conversationId }, null, 2)}\n`);
      return;
    case 'csv':
      deps.out.write(toCsv(['id', 'question', 'example', 'choices'], questions.map((q) => [q.id, q.text, q.example, q.choices.join(' | ')])));
      return;
    case 'markdown':
      deps.out.write([`# Needs input`, '', ...(heard.length ? [`Heard so far: ${heard.join('; ')}`, ''] : []), ...questions.map((q, i) => `${i + 1}. ${q.text} (e.g. ${q.example})`), ''].join('\n'));
      return;
    case 'text': {
      const width = Math.max(40, deps.columns);
      const lines = [`Needs input: ${questions.length === 1 ? 'one question is' : `${questions.length} questions are`} still open.`];
      if (heard.length) lines.push(...wrap(`So far: ${heard.join('; ')}`, width));
      lines.push('');
      questions.forEach((q, i) => lines.push(...numbered(i + 1, q.text, width), ...wrap(`e.g. ${q.example}`, width - 3).map((l) => `   ${l}`)));
      lines.push('', ...wrap(`Add the answers to the description, pass --assume-defaults, or answer them in the chat: serverless-fit chat, then "resume ${shortId(conversationId)}".`, width));
      deps.out.write(`${lines.join('\n')}\n`);
    }
  }
}

/** "1. text", wrapped with the continuation lines under the text. */
function numbered(n: number, text: string, width: number): string[] {
  return wrap(text, width - 3).map((l, i) => (i === 0 ? `${n}. ${l}` : `   ${l}`));
}
