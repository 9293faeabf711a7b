import { serverlessFitCommand } from '../../commands/serverless-fit.js';
import type { ConversationListItem } from './ports.js';

export function helpText(): { title: string; text: string } {
  const lines = [
    serverlessFitCommand.description,
    '',
    ...serverlessFitCommand.subCommands.map((s) => `${s.usage}  - ${s.description}`),
    '',
    'Describe the workload the way you would to a colleague: what triggers it, how often, how long it runs, and anything special (WebSockets, a latency target, a big model).',
    'Examples:',
    '  resize images on upload, about 2 s each, a few thousand a day',
    '  REST API for the mobile app, 1000 rps 24/7, 100 ms, calls Postgres',
    '  nightly cleanup job, 3 minutes',
    'After the result, ask "what if traffic is 10x", "make it 2 GB" or "actually it takes 20 minutes".',
  ];
  return { title: 'serverless-fit: should this run serverless?', text: lines.join('\n') };
}

export function historyText(items: readonly ConversationListItem[]): { title: string; text: string } {
  if (items.length === 0) {
    return { title: 'No assessments here yet', text: 'Start one with /serverless-fit <what the workload does>.' };
  }
  const lines = items.map((item) => {
    const outcome = item.verdict ? `${item.verdict}: ${item.recommended ?? '?'}` : 'in progress';
    return `${item.updatedAt.slice(0, 16).replace('T', ' ')}  ${outcome}  - ${shorten(item.description, 80)}`;
  });
  return { title: `Recent assessments (${items.length})`, text: lines.join('\n') };
}

function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim() || '(no description yet)';
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
