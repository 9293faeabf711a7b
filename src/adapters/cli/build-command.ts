import { parseIsoWeek } from '../../core/digest/iso-week.js';
import { assessFromOptions, type AssessFromOptions } from './assess-from-command.js';
import type { CliCommandName, CliForm, ReadArgs } from './command-table.js';
import type { RepriceCliOptions } from './reprice-command.js';
import { pricingRefreshOptions, type PricingRefreshOptions } from './pricing-refresh-options.js';
import { templateOptions, type TemplateCliOptions } from './template-options.js';

// A command's checked flags and words -> the typed command main runs. Returns
// a one-line message instead when the words do not make a command.

export type { ReadArgs } from './command-table.js';

export type OutputFormat = 'text' | 'json' | 'csv' | 'markdown';
export type TableFormat = Exclude<OutputFormat, 'markdown'>;

export interface AssessOptions {
  format: OutputFormat;
  assumeDefaults: boolean;
  chartPath: string | null;
  text: string;
}

export interface ListOptions {
  workspace: string;
  limit: number;
  format: TableFormat;
}

export interface ExportOptions {
  workspace: string;
  id: string;
  out: string | null;
}

export interface DigestCliOptions {
  /** Slack team id, Discord guild id, or "local" (the terminal's own). */
  workspace: string;
  /** "2026-W48", or null for the past 7 days. */
  week: string | null;
}

export type ReviewCliCommand = ({ action: 'list' } & ListOptions) | ({ action: 'export' } & ExportOptions);
export type Shell = 'bash' | 'zsh';

export type CliCommand =
  | { name: 'default' }
  | { name: 'chat' }
  | { name: 'serve' }
  | { name: 'doctor' }
  | { name: 'backup'; file: string }
  | { name: 'migrate-store'; options: MigrateStoreOptions }
  | { name: 'assess'; options: AssessOptions }
  | { name: 'history'; options: ListOptions }
  | { name: 'export'; options: ExportOptions }
  | { name: 'pricing'; options: { format: TableFormat } }
  | { name: 'pricing-refresh'; options: PricingRefreshOptions }
  | { name: 'review'; command: ReviewCliCommand }
  | { name: 'digest'; options: DigestCliOptions }
  | { name: 'reprice'; options: RepriceCliOptions }
  | { name: 'settings'; options: { workspace: string; text: string } }
  | { name: 'completion'; shell: Shell }
  | { name: 'template'; action: 'review-import' | 'assess'; options: TemplateCliOptions }
  | { name: 'assess-from'; options: AssessFromOptions };

/** migrate-store's two ends, their schemes checked. */
export interface MigrateStoreOptions {
  /** The SQLite file, as given (without "sqlite:"). */
  from: string;
  /** The Postgres URL, as given. */
  to: string;
}

const DEFAULT_LIMIT = 20;

export function buildCommand(name: Exclude<CliCommandName, 'help'>, args: ReadArgs): CliCommand | string {
  const { values, positionals } = args;
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : null);
  const workspace = text('workspace') ?? 'local';
  switch (name) {
    case 'chat':
    case 'serve':
    case 'doctor':
      return positionals.length ? `${name} takes no arguments (got: ${positionals.join(' ')}).` : { name };
    case 'assess': {
      if (typeof values['fail-on'] === 'string') return '--fail-on goes with --template, e.g. serverless-fit assess --template serverless.yml --fail-on avoid.';
      if (typeof values.region === 'string' || typeof values.days === 'string') return '--region and --days go with --from, e.g. serverless-fit assess --from lambda:resize-images --region eu-west-1 --days 14.';
      const format = formatOf(values, ['json', 'csv', 'markdown']);
      if ('error' in format) return format.error;
      const description = positionals.join(' ').trim();
      if (!description) return 'assess needs a description, e.g. serverless-fit assess "resize images on upload, 2 s each, 3k a day".';
      return { name, options: { format: format.format, assumeDefaults: values['assume-defaults'] === true, chartPath: text('chart'), text: description } };
    }
    case 'history': {
      const list = listOptions(values, workspace);
      if (typeof list === 'string') return list;
      return positionals.length ? `history takes no words (got: ${positionals.join(' ')}).` : { name, options: list };
    }
    case 'export': {
      const id = oneId(positionals, 'export', 'history');
      return 'error' in id ? id.error : { name, options: { workspace, id: id.id, out: text('out') } };
    }
    case 'pricing': {
      if (['cloud', 'from', 'out', 'region'].some((k) => typeof values[k] === 'string')) return '--cloud, --from, --out and --region go with pricing refresh, e.g. serverless-fit pricing refresh --out prices.json.';
      const format = formatOf(values, ['json', 'csv']);
      if ('error' in format) return format.error;
      return positionals.length ? `pricing takes no words (got: ${positionals.join(' ')}).` : { name, options: { format: format.format as TableFormat } };
    }
    case 'review':
      return review(values, positionals, workspace);
    case 'settings':
      return positionals.length ? { name, options: { workspace, text: positionals.join(' ') } } : 'settings needs the setting, e.g. serverless-fit settings region, or serverless-fit settings region eu-central-1.';
    case 'digest': {
      const week = text('week');
      if (week !== null && !parseIsoWeek(week)) return `"${week}" is not an ISO week; use the form 2026-W48.`;
      return positionals.length ? `digest takes no words (got: ${positionals.join(' ')}).` : { name, options: { workspace, week } };
    }
    case 'reprice':
      if (positionals.length) return `reprice takes no words (got: ${positionals.join(' ')}); give another catalog with --catalog <file>.`;
      return repriceOptions(text('catalog'), values.json === true, text('threads'));
    case 'completion': {
      const [shell, ...extra] = positionals;
      if ((shell !== 'bash' && shell !== 'zsh') || extra.length) return `completion needs a shell: serverless-fit completion bash, or serverless-fit completion zsh${shell ? ` (got: ${positionals.join(' ')})` : ''}.`;
      return { name, shell };
    }
    case 'migrate-store':
      return migrateStore(text('from'), text('to'), positionals);
    case 'backup': {
      const [file, ...extra] = positionals;
      if (!file) return 'backup needs a file to write, e.g. serverless-fit backup backups/serverless-fit-2026-01-31.db';
      if (extra.length) return `backup takes one file (got also: ${extra.join(' ')}).`;
      return { name, file };
    }
  }
}

const MIGRATE_EXAMPLE = 'serverless-fit migrate-store --from sqlite:data/serverless-fit.db --to postgres://user:password@host:5432/serverless_fit';

function migrateStore(from: string | null, to: string | null, positionals: readonly string[]): CliCommand | string {
  if (positionals.length) return `migrate-store takes --from and --to, no other words (got: ${positionals.join(' ')}).`;
  if (from === null || to === null) return `migrate-store needs --from and --to, e.g. ${MIGRATE_EXAMPLE}.`;
  const source = /^sqlite:(?:\/\/)?(.+)$/i.exec(from)?.[1];
  if (source === undefined) return `--from must name a SQLite file as sqlite:<path> (got "${schemeOf(from)}"), e.g. --from sqlite:data/serverless-fit.db.`;
  if (!/^postgres(?:ql)?:\/\//i.test(to)) return `--to must be a Postgres URL starting postgres:// or postgresql:// (got "${schemeOf(to)}"), e.g. --to postgres://user:password@host:5432/serverless_fit.`;
  return { name: 'migrate-store', options: { from: source, to } };
}

/** What a location starts with, for a message that must not repeat a password. */
function schemeOf(location: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(location)?.[1];
  return scheme ? `${scheme}:...` : location.length > 40 ? `${location.slice(0, 40)}...` : location;
}

/** A form's flags and words -> its command: a template (`assess --template`, `review import`), a measured source (`assess --from`) or `pricing refresh`. */
export function buildForm(form: CliForm['id'], args: ReadArgs): CliCommand | string {
  if (form === 'from') {
    const parsed = assessFromOptions(args);
    return parsed.ok ? { name: 'assess-from', options: parsed.options } : parsed.error;
  }
  if (form === 'pricing-refresh') {
    const parsed = pricingRefreshOptions({ ...args, positionals: args.positionals.slice(1) });
    return parsed.ok ? { name: 'pricing-refresh', options: parsed.options } : parsed.error;
  }
  const words = form === 'review-import' ? { ...args, positionals: args.positionals.slice(1) } : args;
  const parsed = templateOptions(words, form === 'review-import' ? 'review import' : 'assess');
  return parsed.ok ? { name: 'template', action: form === 'review-import' ? 'review-import' : 'assess', options: parsed.options } : parsed.error;
}

function review(values: ReadArgs['values'], positionals: readonly string[], workspace: string): CliCommand | string {
  const [action, ...words] = positionals;
  if (action === 'list') {
    if (words.length) return `review list takes no words (got: ${words.join(' ')}).`;
    if (typeof values.out === 'string') return '--out goes with review export; review list prints to stdout.';
    const list = listOptions(values, workspace);
    return typeof list === 'string' ? list : { name: 'review', command: { action, ...list } };
  }
  if (action === 'export') {
    if (values.json || values.csv) return 'review export writes Markdown; --json and --csv go with review list.';
    const id = oneId(words, 'review export', 'review list');
    return 'error' in id ? id.error : { name: 'review', command: { action, workspace, id: id.id, out: typeof values.out === 'string' ? values.out : null } };
  }
  return `review needs list, export or import${action ? ` (got "${action}")` : ''}: serverless-fit review list, serverless-fit review export <id>, or serverless-fit review import <template file>. In the chat, "review <system name>" opens a review.`;
}

function listOptions(values: ReadArgs['values'], workspace: string): ListOptions | string {
  const format = formatOf(values, ['json', 'csv']);
  if ('error' in format) return format.error;
  const raw = typeof values.limit === 'string' ? values.limit : String(DEFAULT_LIMIT);
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10_000) return `--limit takes a whole number from 1 to 10000 (got "${raw}").`;
  return { workspace, limit: Number(raw), format: format.format as TableFormat };
}

/** Exactly one id, lower-cased (ids are printed in lower case). */
function oneId(words: readonly string[], command: string, lister: string): { id: string } | { error: string } {
  const [id, ...extra] = words;
  if (!id || extra.length) return { error: `${command} needs one id ("serverless-fit ${lister}" shows them)${extra.length ? ` (got: ${words.join(' ')})` : ''}.` };
  return { id: id.toLowerCase() };
}

function formatOf(values: ReadArgs['values'], allowed: readonly Exclude<OutputFormat, 'text'>[]): { format: OutputFormat } | { error: string } {
  const chosen = allowed.filter((f) => values[f] === true);
  if (chosen.length > 1) return { error: `Choose one output format (got ${chosen.map((f) => `--${f}`).join(' and ')}).` };
  return { format: chosen[0] ?? 'text' };
}

/** Worker threads are capped at 64: more than any machine's cores, and a typo like 1000 starts no thousand threads. */
function repriceOptions(catalogPath: string | null, json: boolean, threads: string | null): { name: 'reprice'; options: RepriceCliOptions } | string {
  if (threads === null) return { name: 'reprice', options: { catalogPath, json, threads: null } };
  if (!/^\d+$/.test(threads) || Number(threads) < 1 || Number(threads) > 64) return `--threads takes a whole number from 1 to 64 (got "${threads}").`;
  return { name: 'reprice', options: { catalogPath, json, threads: Number(threads) } };
}
