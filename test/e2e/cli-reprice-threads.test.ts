import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInPlatforms } from '../../src/adapters/platforms.js';
import { repriceText } from '../../src/adapters/cli/reprice-command.js';
import { threadLinksOf } from '../../src/core/digest/thread-link.js';
import { repriceSaved, repriceSavedPages } from '../../src/core/reprice/reprice-history.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../src/pricing/load-catalog.js';
import { unpackOutcome } from '../../src/reprice/packed-outcomes.js';
import { INLINE_UP_TO, type WorkerOutcomes } from '../../src/reprice/reprice-in-threads.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createSqliteConversationStore } from '../../src/store/sqlite-conversation-store.js';
import { repricedCatalog, writeRepricedCatalog } from '../helpers/repriced-catalog.js';
import { HISTORY_WORKLOADS, seedRepriceHistory } from '../helpers/reprice-history.js';
import { ROOT, runCli } from './cli-harness.js';

// `serverless-fit reprice` from the compiled bundle on a history long enough
// to be spread over worker threads: the worker's own module is in dist/ and
// runs there, and the process prints what one thread in this process prints.

const loaded = loadCatalog(DEFAULT_CATALOG_PATH);
if (!loaded.ok) throw new Error(loaded.error);

describe('reprice from dist/ over worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serverless-fit-cli-reprice-'));
  const file = join(dir, 'history.db');
  let expected: string;
  beforeAll(async () => {
    const db = openDatabase(file);
    const store = createSqliteConversationStore(db);
    // Rounds of 21 decisions: past the threshold, so the bin starts its workers.
    await seedRepriceHistory(db, store, loaded.catalog, Math.ceil((INLINE_UP_TO * 1.1) / 21));
    expected = repriceText(await repriceSavedPages(store.savedDecisions(), repricedCatalog()), threadLinksOf(builtInPlatforms));
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the report one thread gives', () => {
    const result = runCli(file, ['reprice', '--catalog', writeRepricedCatalog(dir)]);
    expect({ code: result.code, err: result.err }).toStrictEqual({ code: 0, err: '' });
    expect(result.out).toBe(`${expected}\n`);
  });

  it('runs the compiled worker module, which answers a page as the core does', async () => {
    const script = join(ROOT, 'dist', 'reprice-worker.js');
    expect(existsSync(script)).toBe(true);
    const catalog = repricedCatalog();
    const decisions = [...HISTORY_WORKLOADS.map((text) => ({ facts: JSON.stringify({ description: text }), verdict: 'fit', recommended: 'AWS Lambda', recommendedMonthlyUsd: 1 })), { facts: '[', verdict: 'fit', recommended: 'AWS Lambda', recommendedMonthlyUsd: 1 }];
    const worker = new Worker(script, { workerData: { catalog } });
    try {
      const answer = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ seq: 7, decisions });
      });
      const { seq, outcomes } = answer as WorkerOutcomes;
      expect(seq).toBe(7);
      expect(decisions.map((_, i) => unpackOutcome(outcomes, i))).toStrictEqual(decisions.map((d) => repriceSaved(d as Parameters<typeof repriceSaved>[0], catalog)));
    } finally {
      await worker.terminate();
    }
  });
});
