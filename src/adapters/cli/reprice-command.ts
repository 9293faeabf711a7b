import { availableParallelism } from 'node:os';
import type { ThreadLink } from '../../core/digest/thread-link.js';
import type { ConversationStore } from '../../core/ports.js';
import type { PricingCatalog } from '../../core/pricing/catalog-schema.js';
import type { RepriceReport, RepricedDecision } from '../../core/reprice/reprice-history.js';
import { repriceInThreads } from '../../reprice/reprice-in-threads.js';
import { shorten } from '../../render/digest-sections.js';
import { describeRepriced } from '../../render/repriced-lines.js';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';
import { shortId } from './find-conversation.js';

// `serverless-fit reprice [--catalog file] [--json] [--threads n]`: every workspace's past
// decisions assessed again at the catalog in use (or the one given), and the
// ones whose verdict, platform or monthly cost would change, by workspace.

export interface RepriceCliOptions {
  /** A catalog file to price with instead of the one in use; null for the one in use. */
  catalogPath: string | null;
  json: boolean;
  /** Worker threads to spread a long history over; null for one per core. */
  threads: number | null;
}

export interface RepriceDeps {
  store: Pick<ConversationStore, 'savedDecisions'>;
  catalog: PricingCatalog;
  /** Reads and checks a catalog file (the same loader start-up uses). */
  loadCatalog: (path: string) => { ok: true; catalog: PricingCatalog } | { ok: false; error: string };
  threadLink: ThreadLink;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function runReprice(deps: RepriceDeps, options: RepriceCliOptions): Promise<ExitCode> {
  let catalog = deps.catalog;
  if (options.catalogPath !== null) {
    const loaded = deps.loadCatalog(options.catalogPath);
    if (!loaded.ok) {
      deps.err.write(`Pricing catalog error: ${loaded.error}\n`);
      return EXIT_CODES.usage;
    }
    catalog = loaded.catalog;
  }
  const { report } = await repriceInThreads(deps.store.savedDecisions(), catalog, { threads: options.threads ?? availableParallelism() });
  deps.out.write(options.json ? `${JSON.stringify(repriceJson(report, deps.threadLink), null, 2)}\n` : `${repriceText(report, deps.threadLink)}\n`);
  return EXIT_CODES.ok;
}

export function repriceText(report: RepriceReport, threadLink: ThreadLink): string {
  const at = `catalog ${report.catalog.version} (prices as of ${report.catalog.asOf})`;
  if (report.decisions === 0) return `No saved decisions to re-price at ${at}. Finished assessments are kept from the chat and the terminal chat.`;
  const counts = [`${count(report.changed)} would change`, `${count(report.unchanged)} unchanged`];
  if (report.withoutFacts > 0) counts.push(`${count(report.withoutFacts)} saved before facts were kept (cannot be re-priced)`);
  if (report.unreadable > 0) counts.push(`${count(report.unreadable)} with saved facts that could not be read (listed below)`);
  const lines = [`Re-priced ${plural(report.decisions, 'decision')} at ${at}: ${counts.join(', ')}.`];
  for (const group of report.workspaces) {
    lines.push('', `Workspace ${group.workspace}: ${plural(group.decisions.length, 'decision')} would change`);
    for (const repriced of group.decisions) {
      const d = repriced.decision;
      const link = threadLink(d);
      lines.push(`  ${shortId(d.conversationId)}  ${describeRepriced(repriced)}`);
      lines.push(`            ${shorten(d.description, 80)} (${d.platform}, ${d.at.slice(0, 10)}, catalog ${d.catalogVersion})${link ? ` ${link}` : ''}`);
    }
  }
  if (report.unreadableDecisions.length > 0) {
    lines.push('', 'Saved facts that could not be read (these decisions were skipped):');
    for (const u of report.unreadableDecisions) lines.push(`  ${shortId(u.conversationId)}  workspace ${u.workspace}, assessment ${u.assessmentId}: ${u.reason}`);
  }
  return lines.join('\n');
}

function repriceJson(report: RepriceReport, threadLink: ThreadLink) {
  return {
    catalog: report.catalog,
    decisions: report.decisions,
    repriced: report.repriced,
    unchanged: report.unchanged,
    changed: report.changed,
    withoutFacts: report.withoutFacts,
    unreadable: report.unreadable,
    workspaces: report.workspaces.map((group) => ({ workspace: group.workspace, changes: group.decisions.map((r) => changeJson(r, threadLink)) })),
    unreadableDecisions: report.unreadableDecisions,
  };
}

function changeJson(repriced: RepricedDecision, threadLink: ThreadLink) {
  const d = repriced.decision;
  return {
    conversationId: d.conversationId,
    assessmentId: d.id,
    platform: d.platform,
    channel: d.channel,
    thread: d.thread,
    link: threadLink(d),
    description: d.description,
    at: d.at,
    changes: repriced.changes,
    before: { verdict: d.verdict, recommended: d.recommended, recommendedMonthlyUsd: d.recommendedMonthlyUsd, catalogVersion: d.catalogVersion },
    after: { verdict: repriced.now.verdict, recommended: repriced.now.recommended, recommendedMonthlyUsd: repriced.now.recommendedMonthlyUsd },
  };
}

function plural(n: number, word: string): string {
  return `${count(n)} ${n === 1 ? word : `${word}s`}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
