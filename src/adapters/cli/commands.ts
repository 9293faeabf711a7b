import { writeFileSync } from 'node:fs';
import { ACTION_IDS } from '../../core/action-ids.js';
import type { Advisor, Reply } from '../../core/advisor-types.js';
import { assessmentJson } from '../../core/assessment-json.js';
import type { ConversationKey } from '../../core/conversation.js';
import type { CostChart } from '../../core/cost/cost-types.js';
import { openQuestions } from '../../core/interview/next-question.js';
import { questionCard } from '../../core/interview/question-cards.js';
import type { ConversationStore } from '../../core/ports.js';
import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';
import { helpText, historyText } from '../../core/help-text.js';
import { formatPricingTable } from '../../render/pricing-table.js';
import { renderReply } from '../../render/text.js';
import { forTerminal } from './deliver.js';

// One-shot commands for scripts: assess, history, pricing.

export interface CliCommandDeps {
  advisor: Advisor;
  store: ConversationStore;
  catalog: PricingCatalog;
  renderChart: (chart: CostChart) => Promise<Buffer>;
  out: NodeJS.WritableStream;
  color: boolean;
  user: string;
  newId: () => string;
}

export interface AssessOptions {
  json: boolean;
  assumeDefaults: boolean;
  chartPath: string | null;
  text: string;
}

/** Returns the process exit code. */
export async function runAssess(deps: CliCommandDeps, options: AssessOptions): Promise<number> {
  const key: ConversationKey = { platform: 'cli', workspace: 'local', channel: 'one-shot', thread: `assess-${deps.newId()}`, user: deps.user };
  let reply: Reply = deps.advisor.handle({ key, event: { kind: 'start', text: options.text }, actor: deps.user });
  // With --assume-defaults every open question takes its stated default; bounded so a bug cannot loop forever.
  for (let i = 0; options.assumeDefaults && reply.kind === 'question' && i < 8; i++) {
    reply = deps.advisor.handle({ key, event: { kind: 'action', actionId: ACTION_IDS.assumeDefault, value: reply.question.id }, actor: deps.user });
  }
  const chart = reply.kind === 'result' ? reply.card.chart : null;
  if (chart && options.chartPath) writeFileSync(options.chartPath, await deps.renderChart(chart));
  if (options.json) {
    deps.out.write(`${JSON.stringify(jsonFor(deps, key, reply), null, 2)}\n`);
  } else {
    deps.out.write(`${renderReply(forTerminal(reply), { color: deps.color })}\n`);
    if (reply.kind === 'question') {
      const chartNote = options.chartPath ? ' No chart was written yet.' : '';
      deps.out.write(`\n(Answer in the chat with \`npm start\`, add the figures to the text, or pass --assume-defaults.${chartNote})\n`);
    }
  }
  if (reply.kind === 'result' && options.chartPath && !options.json) deps.out.write(`Chart written to ${options.chartPath}\n`);
  return reply.kind === 'notice' && reply.level === 'error' ? 2 : 0;
}

function jsonFor(deps: CliCommandDeps, key: ConversationKey, reply: Reply) {
  if (reply.kind === 'result') return assessmentJson(reply.assessment);
  if (reply.kind === 'notice') return { status: 'error', message: reply.text };
  const conversation = deps.store.findByThread(key);
  const facts = conversation?.facts ?? {};
  return {
    status: 'needs_input',
    heard: reply.question.heard,
    questions: openQuestions(facts).map((id) => {
      const q = questionCard(id, facts, [], null);
      return { id, text: q.text, example: q.example, choices: q.choices.map((c) => c.label) };
    }),
  };
}

export function runHistory(deps: CliCommandDeps, workspace = 'local'): number {
  const { title, text } = historyText(deps.store.list(workspace, { limit: 20 }));
  deps.out.write(`${title}\n${text}\n`);
  return 0;
}

export function runPricing(deps: CliCommandDeps): number {
  deps.out.write(`${formatPricingTable(deps.catalog)}\n`);
  return 0;
}

export function usage(): string {
  const { text } = helpText();
  return [
    'Usage: serverless-fit [command]',
    '',
    '  (no command)                     chat in the terminal (or serve Slack/Discord when tokens are set)',
    '  assess [--json] [--assume-defaults] [--chart out.png] "<text>"   one-shot assessment',
    '  assess --from lambda:<name> [--region R] [--days N] [--json] ["<text>"]   measure traffic in CloudWatch (also apigw:<id>/<stage>, alb:app/<name>/<id>, sqs:<queue>)',
    '  history                          saved conversations',
    '  review list | review export <id> [--out review.md]   design reviews; a chat line "review <system>" opens one',
    '  digest [--workspace W] [--week 2026-W48]   weekly cost digest (default: local, past 7 days)',
    '  pricing                          the pricing catalog as a table',
    '  help                             this text',
    '',
    text,
  ].join('\n');
}
