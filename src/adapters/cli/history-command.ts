import type { ConversationListItem, ConversationStore } from '../../core/ports.js';
import type { ListOptions } from './build-command.js';
import { toCsv } from './csv.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { shortId } from './find-conversation.js';
import { textTable } from './text-table.js';

// Saved conversations with their ids: `serverless-fit history` (text, JSON or
// CSV) and `history` in the terminal chat, which resumes them by id.

export interface HistoryDeps {
  store: ConversationStore;
  out: NodeJS.WritableStream;
  columns: number;
}

export async function runHistory(deps: HistoryDeps, options: ListOptions): Promise<ExitCode> {
  const items = await deps.store.list(options.workspace, { limit: options.limit });
  if (options.format === 'json') deps.out.write(`${JSON.stringify(items.map(historyJson), null, 2)}\n`);
  else if (options.format === 'csv') deps.out.write(historyCsv(items));
  else deps.out.write(`${historyText(items, options.workspace, deps.columns, 'serverless-fit export <id> writes one as Markdown; in the chat, "resume <id>" continues it.')}\n`);
  return EXIT_CODES.ok;
}

/** The table, newest first, with a closing line saying what the ids are for. */
export function historyText(items: readonly ConversationListItem[], workspace: string, width: number, footer: string): string {
  if (items.length === 0) {
    const where = workspace === 'local' ? '' : ` in workspace "${workspace}"`;
    return `No saved conversations${where} yet. Describe a workload in the chat, or run serverless-fit assess "<what it does>".`;
  }
  const rows = items.map((item) => [shortId(item.id), when(item.updatedAt), outcome(item), oneLine(item.description)]);
  return [...textTable(['id', 'updated (UTC)', 'result', 'workload'], rows, Math.max(60, width)), footer].join('\n');
}

function historyJson(item: ConversationListItem) {
  return { id: item.id, updatedAt: item.updatedAt, status: item.status, verdict: item.verdict, recommended: item.recommended, description: item.description, channel: item.channel, user: item.user };
}

function historyCsv(items: readonly ConversationListItem[]): string {
  return toCsv(
    ['id', 'updated_at', 'status', 'verdict', 'recommended', 'description', 'channel', 'user'],
    items.map((i) => [i.id, i.updatedAt, i.status, i.verdict, i.recommended, i.description, i.channel, i.user]),
  );
}

function outcome(item: ConversationListItem): string {
  return item.verdict ? `${item.verdict}: ${item.recommended ?? '?'}` : 'in progress';
}

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim() || '(no description yet)';
}
