import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { repriceText, runReprice } from '../../src/adapters/cli/reprice-command.js';
import { threadLinksOf } from '../../src/core/digest/thread-link.js';
import { repriceSavedPages, type RepriceOutcome } from '../../src/core/reprice/reprice-history.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import { packOutcomes, unpackOutcome } from '../../src/reprice/packed-outcomes.js';
import { repriceInThreads, type RepriceRun } from '../../src/reprice/reprice-in-threads.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createSqliteConversationStore, type SqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { repricedCatalog } from '../helpers/repriced-catalog.js';
import { DAMAGED_FACTS, HISTORY_WORKLOADS, seedRepriceHistory } from '../helpers/reprice-history.js';

// `reprice` spread over worker threads gives the report one thread gives, on
// a history with decisions that change at a later price list (a verdict that
// flips among them), decisions saved before facts were kept, and rows whose
// saved facts are damaged: those are named in the report, never a crash.

const threadLink = threadLinksOf(builtInPlatforms);
const loaded = loadCatalog(DEFAULT_CATALOG_PATH);
if (!loaded.ok) throw new Error(loaded.error);
const shipped = loaded.catalog;

describe('reprice over worker threads', () => {
  let dir: string;
  let db: ReturnType<typeof openDatabase>;
  let store: SqliteConversationStore;
  let damagedIds: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serverless-fit-reprice-threads-'));
    db = openDatabase(join(dir, 'history.db'));
    store = createSqliteConversationStore(db);
    damagedIds = await seedRepriceHistory(db, store, shipped);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const oneThread = () => repriceSavedPages(store.savedDecisions(), repricedCatalog());
  // Started once for the file (a worker under the TypeScript sources takes a few seconds to start):
  // a page per decision and no threshold, so every decision crosses to a worker and back.
  let spread: RepriceRun;
  beforeAll(async () => {
    spread = await repriceInThreads(store.savedDecisions({ pageSize: 1 }), repricedCatalog(), { threads: 2, inlineUpTo: 0 });
  });

  it('gives the report one thread gives, page by page across two workers', async () => {
    const single = await oneThread();
    expect(spread.workers).toBe(2);
    expect(spread.report).toStrictEqual(single);
    expect(repriceText(spread.report, threadLink)).toBe(repriceText(single, threadLink));
  });

  it('counts every kind of decision, and a verdict flips at the later prices', () => {
    const { report } = spread;
    expect([report.decisions, report.repriced, report.withoutFacts, report.unreadable]).toStrictEqual([24, 18, 3, 3]);
    expect(report.changed + report.unchanged).toBe(18);
    expect(report.workspaces.map((g) => g.workspace)).toStrictEqual(['T-acme', 'T-beta', 'T-gamma']);
    const queue = report.workspaces[0]?.decisions.find((d) => d.decision.description === HISTORY_WORKLOADS[0]);
    expect([queue?.decision.verdict, queue?.now.verdict, queue?.changes]).toStrictEqual(['fit', 'avoid', ['verdict', 'platform', 'cost']]);
  });

  it.each(DAMAGED_FACTS.map(([what, , reason], i) => [what, i, reason] as const))('names a row whose saved facts are damaged (%s) and goes on', (_, i, reason) => {
    const damaged = spread.report.unreadableDecisions[i];
    expect([damaged?.workspace, damaged?.assessmentId]).toStrictEqual(['T-beta', damagedIds[i]]);
    expect(damaged?.reason.startsWith(reason)).toBe(true);
  });

  it.each([
    ['no workers asked for', { threads: 1 }],
    ['a history shorter than the threshold', { threads: 2 }],
  ])('stays on this thread with %s, with the same report', async (_, options) => {
    const run = await repriceInThreads(store.savedDecisions({ pageSize: 5 }), repricedCatalog(), options);
    expect(run.workers).toBe(0);
    expect(run.report).toStrictEqual(await oneThread());
  });

  it('prints the damaged rows under the changes, and exits 0', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const code = await runReprice({ store, catalog: repricedCatalog(), loadCatalog, threadLink, out, err: new PassThrough() }, { catalogPath: null, json: false, threads: 2 });
    expect(code).toBe(0);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Re-priced 24 decisions at catalog .*: \d+ would change, \d+ unchanged, 3 saved before facts were kept \(cannot be re-priced\), 3 with saved facts that could not be read \(listed below\)\.$/);
    expect(lines.slice(-4)).toStrictEqual([
      'Saved facts that could not be read (these decisions were skipped):',
      ...DAMAGED_FACTS.map(([, , reason], i) => expect.stringMatching(new RegExp(`^  \\S+  workspace T-beta, assessment ${damagedIds[i]}: ${reason.replace(/[()]/g, '\\$&')}`))),
    ]);
  });
});

describe('outcomes as a worker packs them into columns', () => {
  const now = { verdict: 'avoid', recommended: 'ECS on Fargate', recommendedMonthlyUsd: 205.43, alternativeMonthlyUsd: 167.14 } as const;
  it.each<[string, RepriceOutcome]>([
    ['unchanged', { kind: 'unchanged' }],
    ['without facts', { kind: 'without-facts' }],
    ['unreadable, with its reason', { kind: 'unreadable', reason: 'the saved facts are not valid JSON' }],
    ['every change', { kind: 'changed', now, changes: ['verdict', 'platform', 'cost'] }],
    ['the cost alone', { kind: 'changed', now: { ...now, verdict: 'fit' }, changes: ['cost'] }],
    ['verdict and platform, no prices either side', { kind: 'changed', now: { ...now, recommendedMonthlyUsd: null, alternativeMonthlyUsd: null }, changes: ['verdict', 'platform'] }],
    ['a price of zero', { kind: 'changed', now: { ...now, recommendedMonthlyUsd: 0, alternativeMonthlyUsd: null }, changes: ['cost'] }],
  ])('%s comes back as it went', (_, outcome) => {
    const packed = structuredClone(packOutcomes([{ kind: 'unchanged' }, outcome]));
    expect([unpackOutcome(packed, 0), unpackOutcome(packed, 1)]).toStrictEqual([{ kind: 'unchanged' }, outcome]);
  });
});
